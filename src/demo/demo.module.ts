import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DemoActivity, TwitchSimulator } from '@twitch-realtime/twitch-simulator';
import { AppConfig } from '../config/app-config.js';

const OWNS_SIMULATOR = Symbol('OWNS_SIMULATOR');

/**
 * Demo mode: the built-in Twitch simulator stands in for Twitch (the service reaches it through
 * Twurple's real code path), and a script of follows, subs, gifts, cheers and a raid makes the
 * stream look alive.
 */
@Module({})
export class DemoModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Demo');
  private activity: DemoActivity | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly simulator: TwitchSimulator,
    @Inject(OWNS_SIMULATOR) private readonly ownsSimulator: boolean,
  ) {}

  /** `simulator` is already started; the module stops it on shutdown when `owns` is true. */
  static forRoot(simulator: TwitchSimulator, owns: boolean): DynamicModule {
    return {
      module: DemoModule,
      providers: [
        { provide: TwitchSimulator, useValue: simulator },
        { provide: OWNS_SIMULATOR, useValue: owns },
      ],
    };
  }

  onApplicationBootstrap(): void {
    if (!this.config.values.demoActivity) return;
    this.activity = new DemoActivity(this.simulator);
    this.activity.start();
    this.logger.log(
      'Demo activity is playing: follows, subs and resubs, cheers and Power-ups, a gift bomb, a raid, redemptions, goals, hype trains, polls, predictions, shoutouts, ad breaks and charity, in a loop.',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.activity?.stop();
    if (this.ownsSimulator) await this.simulator.stop();
  }
}
