import { Module } from '@nestjs/common';
import { MediaController } from './media.controller.js';
import { MediaLibrary } from './media-library.js';

/** The streamer's media folder (`MEDIA_DIR`), served for the alert box: `/media/<file>`, `/api/media`. */
@Module({
  controllers: [MediaController],
  providers: [MediaLibrary],
})
export class MediaModule {}
