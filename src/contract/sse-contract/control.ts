/**
 * `{type:"control"}`: a command from the dashboard to the alert boxes. `pause`/`resume` is state
 * (a client that connects later is told whether alerts are paused); `skip` ends the alert on screen
 * and is not replayed to clients that connect later.
 */
export interface ControlMessage {
  type: 'control';
  data: { action: 'pause' | 'resume' | 'skip' };
}
