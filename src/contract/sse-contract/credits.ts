/** What the dashboard's credits buttons ask of the credits widgets. */
export type CreditsAction = 'roll' | 'stop';

/**
 * `{type:"credits"}`: the dashboard's command to every credits widget (`/widgets/credits`): `roll`
 * starts the roll from the top, `stop` takes it off the screen. One-shot: a widget that connects
 * later is not told (it waits for the next roll).
 */
export interface CreditsMessage {
  type: 'credits';
  data: { action: CreditsAction };
}
