import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { TwitchModule } from '../twitch/twitch.module.js';
import { DeviceCodeSignIn } from './device-code-sign-in.js';
import { OAuthCodeSignIn } from './oauth-code-sign-in.js';
import { SignInController } from './sign-in.controller.js';

/** Sign in with Twitch (Device Code Flow and OAuth code flow); the session lives in TwitchModule. */
@Module({
  imports: [TwitchModule, AdminModule],
  controllers: [SignInController],
  providers: [DeviceCodeSignIn, OAuthCodeSignIn],
})
export class AuthModule {}
