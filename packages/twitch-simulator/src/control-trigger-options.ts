import type { ControlBody } from './control-body.js';
import type { SimulatedTrigger } from './simulator-types.js';

/** The trigger options of a `POST /control/trigger/<type>` body (see `TriggerOptions`). */
export function readTriggerOptions(body: ControlBody): SimulatedTrigger {
  const duplicate = body.string('duplicate');
  return {
    broadcaster: body.string('broadcaster'),
    user: body.string('user'),
    tier: body.string('tier'),
    gift: body.boolean('gift'),
    total: body.number('total'),
    anonymous: body.boolean('anonymous'),
    bits: body.number('bits'),
    message: body.string('message'),
    viewers: body.number('viewers'),
    title: body.string('title'),
    game: body.string('game'),
    reward: body.string('reward'),
    cost: body.number('cost'),
    input: body.string('input'),
    goalType: body.string('goalType'),
    target: body.number('target'),
    description: body.string('description'),
    amount: body.number('amount'),
    choices: body.titles('choices'),
    choice: body.string('choice'),
    votes: body.number('votes'),
    outcomes: body.titles('outcomes'),
    outcome: body.string('outcome'),
    points: body.number('points'),
    seconds: body.number('seconds'),
    status: body.string('status'),
    months: body.number('months'),
    streak: body.number('streak'),
    hideStreak: body.boolean('hideStreak'),
    duration: body.number('duration'),
    bitsType: body.string('bitsType'),
    powerUp: body.string('powerUp'),
    emote: body.string('emote'),
    effect: body.string('effect'),
    automatic: body.boolean('automatic'),
    currency: body.string('currency'),
    charity: body.string('charity'),
    duplicate: duplicate as SimulatedTrigger['duplicate'],
  };
}
