// @ts-check
// JSON Schemas generated from the TypeScript types, so the types stay the one definition:
//  - the SSE messages, from src/contract/sse-contract.ts, one file per message in
//    src/contract/schemas/ (served at /api/schemas/<name>.json);
//  - the HTTP API's JSON bodies, for the OpenAPI document and the admin routes' validation, in
//    src/api-docs/api-schemas.json.
// `npm run docs:schemas` writes them; `npm run schemas:check` (in `npm run lint`) fails when they
// are not what the types give.
import { join } from 'node:path';
import prettier from 'prettier';
import { createGenerator } from 'ts-json-schema-generator';

/** The JSON Schema dialect of every file (the one OpenAPI 3.1 uses). */
export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Where the SSE message schemas are written, one `<name>.json` each. */
export const SSE_SCHEMA_DIR = 'src/contract/schemas';

/** Where the HTTP API's schemas are written. */
export const API_SCHEMA_FILE = 'src/api-docs/api-schemas.json';

/** The SSE message schemas: published name → the type in sse-contract.ts it is generated from. */
export const SSE_MESSAGE_SCHEMAS = {
  'stream-message': 'StreamMessageVariant',
  stats: 'StatsMessage',
  event: 'AnyTwitchEventMessage',
  'event.channel.follow': 'ChannelFollowMessage',
  'event.channel.subscribe': 'ChannelSubscribeMessage',
  'event.channel.subscription.message': 'ChannelSubscriptionMessageMessage',
  'event.channel.subscription.gift': 'ChannelSubscriptionGiftMessage',
  'event.channel.cheer': 'ChannelCheerMessage',
  'event.channel.bits.use': 'ChannelBitsUseMessage',
  'event.channel.raid': 'ChannelRaidMessage',
  'event.stream.online': 'StreamOnlineMessage',
  'event.stream.offline': 'StreamOfflineMessage',
  'event.channel.channel_points_custom_reward_redemption.add': 'ChannelPointsRedemptionAddMessage',
  'event.channel.hype_train.begin': 'HypeTrainBeginMessage',
  'event.channel.hype_train.progress': 'HypeTrainProgressMessage',
  'event.channel.hype_train.end': 'HypeTrainEndMessage',
  'event.channel.goal.begin': 'ChannelGoalBeginMessage',
  'event.channel.goal.progress': 'ChannelGoalProgressMessage',
  'event.channel.goal.end': 'ChannelGoalEndMessage',
  'event.channel.poll.begin': 'ChannelPollBeginMessage',
  'event.channel.poll.progress': 'ChannelPollProgressMessage',
  'event.channel.poll.end': 'ChannelPollEndMessage',
  'event.channel.prediction.begin': 'ChannelPredictionBeginMessage',
  'event.channel.prediction.progress': 'ChannelPredictionProgressMessage',
  'event.channel.prediction.lock': 'ChannelPredictionLockMessage',
  'event.channel.prediction.end': 'ChannelPredictionEndMessage',
  'event.channel.ad_break.begin': 'ChannelAdBreakBeginMessage',
  'event.channel.shoutout.create': 'ChannelShoutoutCreateMessage',
  'event.channel.shoutout.receive': 'ChannelShoutoutReceiveMessage',
  'event.channel.charity_campaign.donate': 'CharityDonationMessage',
  'event.channel.charity_campaign.start': 'CharityCampaignStartMessage',
  'event.channel.charity_campaign.progress': 'CharityCampaignProgressMessage',
  'event.channel.charity_campaign.stop': 'CharityCampaignStopMessage',
  'event.channel.chat.message': 'ChannelChatMessageMessage',
  'event.channel.chat.message_delete': 'ChannelChatMessageDeleteMessage',
  'event.channel.chat.clear_user_messages': 'ChannelChatClearUserMessagesMessage',
  'event.channel.chat.clear': 'ChannelChatClearMessage',
  'event.channel.chat.notification': 'ChannelChatNotificationMessage',
  status: 'AnyStatusMessage',
  'status.eventsub': 'EventSubStatusMessage',
  'status.poll': 'PollStatusMessage',
  'status.auth': 'AuthStatusMessage',
  'status.recovery': 'RecoveryStatusMessage',
  'status.eventLog': 'EventLogStatusMessage',
  'status.cluster': 'ClusterStatusMessage',
  'status.replay-incomplete': 'ReplayIncompleteMessage',
  control: 'ControlMessage',
  labels: 'LabelsMessage',
  subathon: 'SubathonMessage',
  credits: 'CreditsMessage',
};

/** The HTTP API's JSON bodies: source file → the types in it that requests and answers use. */
export const API_BODY_TYPES = {
  'src/alerts/alerts-api.ts': [
    'TestEventRequest',
    'TestEventResponse',
    'AlertControlResponse',
    'EventReplayResponse',
    'RecentEventsResponse',
    'EventHistoryResponse',
  ],
  'src/emotes/cheermotes-api.ts': ['CheermotesResponse'],
  'src/chat/chat-api.ts': ['ChatBadgesResponse', 'ChatEmotesResponse'],
  'src/health/health-reporter.ts': ['HealthReport'],
  'src/widgets/dashboard-settings.ts': ['DashboardSettings'],
  'src/subathon/subathon-api.ts': [
    'SubathonTimeRequest',
    'SubathonSettingsRequest',
    'SubathonActionResponse',
  ],
  'src/auth/session-view.ts': ['SessionView', 'OAuthSignInUrl'],
  'src/auth/device-code-sign-in.ts': ['DeviceSignInStatus'],
  'src/channel-profiles/channel-profile.ts': ['ChannelProfile'],
  'src/streams/streams-api.ts': ['StreamListResponse', 'StreamRecap', 'StreamEventsResponse'],
  'src/credits/credits-api.ts': ['StreamCredits', 'CreditsActionResponse'],
  'src/api-docs/api-docs-types.ts': ['ApiError', 'SchemaListEntry'],
};

const CONTRACT_FILE = 'src/contract/sse-contract.ts';

/**
 * @typedef {Record<string, unknown>} Schema
 * @typedef {Record<string, Schema>} Definitions
 */

/**
 * Every schema file, path → text (formatted as the repository formats JSON).
 * @param {string} root  the repository folder
 * @returns {Promise<Map<string, string>>}
 */
export async function renderSchemaFiles(root) {
  const files = new Map();
  for (const [name, schema] of Object.entries(sseMessageSchemas(root))) {
    files.set(join(SSE_SCHEMA_DIR, `${name}.json`), await formatJson(root, schema));
  }
  files.set(API_SCHEMA_FILE, await formatJson(root, apiSchemas(root)));
  return files;
}

/**
 * The SSE message schemas, published name → a standalone schema (its definitions in `$defs`, the
 * message's own among them).
 * @param {string} root
 * @returns {Record<string, Schema>}
 */
export function sseMessageSchemas(root) {
  const generator = generatorFor(root);
  return Object.fromEntries(
    Object.entries(SSE_MESSAGE_SCHEMAS).map(([name, type]) => {
      const definitions = generate(generator, type);
      // The message itself is a definition too, under its TypeScript name, so the OpenAPI
      // document can gather every file's definitions into one set of named schemas.
      const schema = {
        $schema: SCHEMA_DIALECT,
        title: name,
        description: definitions[type]?.description,
        $ref: `#/$defs/${type}`,
        $defs: definitions,
      };
      return [name, schema];
    }),
  );
}

/**
 * The HTTP API's schemas, all in one `$defs`, under their TypeScript names.
 * @param {string} root
 * @returns {Schema}
 */
export function apiSchemas(root) {
  const generator = generatorFor(root);
  /** @type {Definitions} */
  const all = {};
  for (const type of Object.values(API_BODY_TYPES).flat()) {
    Object.assign(all, generate(generator, type));
  }
  return { $schema: SCHEMA_DIALECT, $defs: sortKeys(all) };
}

/** One TypeScript program over the contract and the API's files, for every schema. */
const generators = new Map();

/** @param {string} root */
function generatorFor(root) {
  let generator = generators.get(root);
  if (!generator) {
    const files = [CONTRACT_FILE, ...Object.keys(API_BODY_TYPES)];
    generator = createGenerator({
      path: join(root, `{${files.join(',')}}`),
      tsconfig: join(root, 'tsconfig.json'),
      type: '*',
      expose: 'export',
      topRef: true,
      jsDoc: 'extended',
      // Fields may be added to every object (the contract's promise), so none is closed.
      additionalProperties: true,
      sortProps: false,
      // `npm run typecheck` checks the types; this only reads them.
      skipTypeCheck: true,
    });
    generators.set(root, generator);
  }
  return generator;
}

/**
 * One type's definitions, with `$defs` references and generic instances named by their alias.
 * @param {ReturnType<typeof createGenerator>} generator
 * @param {string} type
 * @returns {Definitions}
 */
function generate(generator, type) {
  const schema = /** @type {{ definitions: Definitions }} */ (
    /** @type {unknown} */ (generator.createSchema(type))
  );
  const definitions = { ...schema.definitions };
  // `type ChannelFollowMessage = TwitchEventMessage<'channel.follow'>` comes out as a reference
  // to a definition named `TwitchEventMessage<"channel.follow">`: give it the alias's name.
  /** @type {Map<string, string>} */
  const renamed = new Map();
  for (const [name, definition] of Object.entries(definitions)) {
    const target = refName(definition.$ref);
    if (target === undefined || !target.includes('<')) continue;
    const { $ref: _ref, ...annotations } = definition;
    definitions[name] = { ...definitions[target], ...annotations };
    delete definitions[target];
    renamed.set(target, name);
  }
  return rewriteRefs(definitions, renamed);
}

/**
 * The definition name a `#/definitions/…` reference points at.
 * @param {unknown} ref
 */
function refName(ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return undefined;
  return decodeURIComponent(ref.slice('#/definitions/'.length));
}

/**
 * `#/definitions/X` → `#/$defs/X` everywhere (and renamed definitions under their new names), no
 * `{ not: {} }` for `undefined` in a union (optional fields beside an index signature: JSON has
 * no undefined), and unions of bare types as a list of types.
 * @template T
 * @param {T} value
 * @param {Map<string, string>} renamed
 * @returns {T}
 */
function rewriteRefs(value, renamed) {
  if (Array.isArray(value))
    return /** @type {T} */ (value.map((item) => rewriteRefs(item, renamed)));
  if (typeof value !== 'object' || value === null) return value;
  /** @type {Record<string, unknown>} */
  const copy = {};
  for (let [key, item] of Object.entries(value)) {
    if (key === 'anyOf' && Array.isArray(item)) item = item.filter((branch) => !isNever(branch));
    // `anyOf: [{type: integer}, {type: null}]` → `type: [integer, null]`, so that `minimum` beside
    // it reads as the integer's (validators in strict mode want the type beside the bound).
    if (key === 'anyOf' && Array.isArray(item) && item.every(isBareType) && !('type' in value)) {
      copy.type = item.map((branch) => branch.type);
      continue;
    }
    const target = key === '$ref' ? refName(item) : undefined;
    copy[key] =
      target === undefined
        ? rewriteRefs(item, renamed)
        : `#/$defs/${encodeURIComponent(renamed.get(target) ?? target)}`;
  }
  return /** @type {T} */ (copy);
}

/**
 * @param {unknown} schema
 * @returns {schema is { type: string }}
 */
function isBareType(schema) {
  const keys = Object.keys(/** @type {object} */ (schema));
  return (
    keys.length === 1 &&
    keys[0] === 'type' &&
    typeof (/** @type {{ type: unknown }} */ (schema).type) === 'string'
  );
}

/** @param {unknown} schema */
function isNever(schema) {
  const { not, ...rest } = /** @type {Record<string, unknown>} */ (schema);
  return (
    Object.keys(rest).length === 0 &&
    typeof not === 'object' &&
    not !== null &&
    Object.keys(not).length === 0
  );
}

/**
 * @param {Definitions} definitions
 * @returns {Definitions}
 */
function sortKeys(definitions) {
  return Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * @param {string} root
 * @param {unknown} value
 */
async function formatJson(root, value) {
  const options = await prettier.resolveConfig(join(root, 'package.json'));
  return prettier.format(JSON.stringify(value), { ...options, parser: 'json' });
}
