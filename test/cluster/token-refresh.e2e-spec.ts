import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  TwitchSimulator,
} from '@twitch-realtime/twitch-simulator';
import { Cluster } from '../../src/cluster/cluster.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SingleFlightAuthProvider } from '../../src/twitch/single-flight-auth-provider.js';
import { pointTwurpleAt } from '../../src/twitch/twitch-endpoint.js';
import { describeWithRedis, TestRedisServer } from '../support/redis-server.js';

/**
 * A public client's refresh token works once: three instances that find the token dead at the same
 * moment must refresh it once between them, and all go on with the new one.
 */
describeWithRedis('the shared Twitch token', () => {
  let redis: TestRedisServer;
  let simulator: TwitchSimulator;
  const clusters: Cluster[] = [];

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    simulator = new TwitchSimulator();
    await simulator.start({ port: 0 });
    pointTwurpleAt(simulator.port);
  });

  afterAll(async () => {
    await Promise.all(clusters.map((cluster) => cluster.close()));
    await simulator?.stop();
    await redis?.stop();
  });

  it('is refreshed once when three instances ask at the same moment', async () => {
    const minted = simulator.mintUserToken();
    const token = {
      accessToken: minted.accessToken,
      refreshToken: minted.refreshToken,
      scope: [],
      expiresIn: 3600,
      obtainmentTimestamp: Date.now(),
    };
    const userId = simulator.channel().broadcasterId;
    for (const name of ['one', 'two', 'three']) {
      const config = loadConfig(
        {
          TWITCH_CLIENT_ID: DEFAULT_CLIENT_ID,
          TWITCH_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
          REDIS_URL: redis.url,
          INSTANCE_ID: name,
          TWITCH_ACCESS_TOKEN: token.accessToken,
          TWITCH_REFRESH_TOKEN: token.refreshToken,
          TOKEN_FILE: `/nonexistent-${name}/token.json`,
        },
        null,
      );
      clusters.push(await Cluster.open(config));
    }
    await clusters[0]!.tokens.save(token);
    const providers = clusters.map((cluster) => {
      const provider = new SingleFlightAuthProvider(
        { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET },
        cluster.tokens.exclusively.bind(cluster.tokens),
      );
      provider.addUser(userId, token);
      return provider;
    });
    simulator.expireAccessTokens();

    const refreshed = await Promise.all(
      providers.map((provider) => provider.refreshAccessTokenForUser(userId)),
    );

    // One refresh: every instance holds the same new token (a second refresh would have failed,
    // the first refresh token being spent, or made a different token).
    const accessTokens = new Set(refreshed.map((t) => t.accessToken));
    expect(accessTokens.size).toBe(1);
    expect([...accessTokens][0]).not.toBe(token.accessToken);
    const stored = await clusters[2]!.tokens.load();
    expect(stored?.accessToken).toBe(refreshed[0]!.accessToken);
    expect(stored?.refreshToken).not.toBe(token.refreshToken);
  });
});
