/** The text of `--help`. */
export const TRIGGER_USAGE = `Make things happen on the running Twitch simulator (demo mode), like \`twitch event trigger\`.

Usage:
  npm run trigger -- <event> [options]          an EventSub event, e.g. channel.follow --user alice
  npm run trigger -- fault <fault> [options]    break something, e.g. fault drop
  npm run trigger -- viewers <count>            set the live viewer count
  npm run trigger -- token [--user <login>] [--scopes a,b]   mint a user token (JSON)
  npm run trigger -- device approve|deny <code> [--user <login>]   answer a Device Code sign-in
  npm run trigger -- state                      what the simulator knows (JSON)

Events (short names in brackets):
  channel.follow (follow)               --user
  channel.subscribe (sub)               --user --tier 1|2|3 --gift
  channel.subscription.gift (gift)      --user --total <n, default 5> --tier --anonymous
  channel.subscription.message (resub)  --user --months <n, default 6> --streak <n> | --hide-streak --tier
                                        --duration <months bought, default 1> --message <text, emotes: Kappa, LUL…>
  channel.cheer (cheer)                 --user --bits <n, default 100> --message <text> --anonymous
                                        (a cheer is sent as channel.cheer and as channel.bits.use, as on Twitch)
  channel.bits.use (bits)               --type cheer|power_up|combo --user --bits <n> --message <text>
        Power-ups (power-up):           --power-up message_effect|gigantify_an_emote|celebration
                                        --effect <message effect id> --emote <Kappa|demostHype|…>
        Combos (combo):                 --user --bits <n, default 5>
  channel.raid (raid)                   --user <raiding channel> --viewers <n, default 10>
  stream.online (online)                --title <text> --game <name> --viewers <n>
  stream.offline (offline)
  channel.channel_points_custom_reward_redemption.add (redeem)
                                        --user --reward <title, default Hydrate!> --cost <points> --input <text>
  channel.hype_train.begin (hype-train-begin)      --user --bits <n> | --tier 1|2|3 (the contribution that starts it)
  channel.hype_train.progress (hype-train-progress) --user --bits <n> | --tier 1|2|3
  channel.hype_train.end (hype-train-end)
  channel.goal.begin (goal-begin)       --goal-type follower|subscription|subscription_count|new_subscription|
                                        new_subscription_count|new_bit|new_cheerer --target <n> --description <text>
  channel.goal.progress (goal-progress) --goal-type --amount <the new current amount>
  channel.goal.end (goal-end)           --goal-type
  channel.poll.begin (poll-begin)       --title <question> --choices "Yes,No" --seconds <n, default 60>
  channel.poll.progress (poll-progress) --choice <number or title> --votes <n, default 1>
  channel.poll.end (poll-end)           --status completed|terminated|archived
  channel.prediction.begin (prediction-begin)       --title <text> --outcomes "Win,Lose" --seconds <n, default 120>
  channel.prediction.progress (prediction-progress) --user --outcome <number or title> --points <n, default 100>
  channel.prediction.lock (prediction-lock)
  channel.prediction.end (prediction-end)           --outcome <the winner> --status resolved|canceled
  channel.ad_break.begin (ad-break)     --seconds <length, default 60> --automatic --user <who asked>
                                        (needs a live stream: online first)
  channel.shoutout.create (shoutout)    --user <channel shouted out> --viewers <n>
  channel.shoutout.receive (shoutout-receive)      --user <channel shouting out> --viewers <n>
                                        (both send create, then receive: each reaches its own channel's subscribers)
  channel.charity_campaign.start (charity-start)   --charity <name> --target <cents> --currency <USD|EUR|…>
  channel.charity_campaign.donate (donate)         --user --amount <cents, default 500> (then a progress)
  channel.charity_campaign.progress (charity-progress) --amount <current, cents> --target <cents>
  channel.charity_campaign.stop (charity-stop)
  channel.chat.message (chat)           --user --message <text: emotes Kappa, LUL…, Cheer100, @login> --reply-to <message id>
                                        --source <other channel: shared chat>  (prints the message id)
  channel.chat.message_delete (chat-delete)        --message-id <id, default the newest message>
  channel.chat.clear_user_messages (timeout, ban)  --user <chatter, default the newest message's>
  channel.chat.clear (chat-clear)
  channel.chat.notification (notice)    --notice sub|resub|sub_gift|community_sub_gift|raid|announcement|watch_streak|
                                        shared_chat_sub|shared_chat_resub|shared_chat_sub_gift|shared_chat_community_sub_gift|
                                        shared_chat_raid|shared_chat_announcement --user --message <text> --tier --prime
                                        --months <n> --streak <n> --total <n> --recipient <login> --viewers <n>
                                        --color blue|green|orange|purple|primary --source <other channel: shared_chat_*>
                                        (the chat's notice only: trigger the sub, resub, gift or raid for its own event)
  Follows, subs and Bits move a running goal and hype train by themselves (goal and hype train
  progress follow them). Progress, lock, end, donate or stop with nothing running begins one first.

Event options:
  --user <login>           who acts (default: a new viewer); made up if the simulator has not met them
  --broadcaster <login>    the channel (default: demo_streamer)
  --duplicate same-id|new-id   deliver each notification twice (same or new message_id)

Faults:
  drop                     drop EventSub sockets without a close frame
  close --code <code> [--reason <text>]   close sockets with a code (4000-4007 are Twitch's)
  malformed                send a frame that is not JSON
  redeliver [--new-id]     send the last notification again (same message_id unless --new-id)
  keepalive-stop | keepalive-resume   stop or resume keepalive messages
  reconnect                send session_reconnect
  delay --delay <ms>       hold every frame that long before it goes out (a slow path; 0 ends it)
  outage --seconds <s>     EventSub unreachable for s seconds: sockets dropped without a close frame,
                           new connections cut, notifications of what happens meanwhile lost (as on
                           Twitch); the channel keeps changing and Helix keeps answering
  outage-end               end the outage now
  helix --endpoint <streams|channels/followers|subscriptions|bits/leaderboard|users|eventsub/subscriptions|*>
        [--status <429|500|…>] [--delay <ms>] [--count <n>] [--reset <s>]   misbehave for n requests (default: until cleared)
  helix-clear [--endpoint <endpoint>]
  revoke-subscription [--type <type>] [--id <id>] [--status authorization_revoked|user_removed|…]
  revoke-refresh [--user <login>]  refresh tokens stop working
  revoke-token [--user <login>]    the user disconnects the app: tokens and subscriptions revoked
  expire-token [--user <login>]    access tokens expire now
  --session <id>           only this EventSub session (drop, close, malformed, keepalive-*, reconnect)

General:
  --port <port>            the simulator's port (default: SIMULATOR_PORT, 3001)
  --help                   this text
`;
