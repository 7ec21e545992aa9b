/**
 * The simulated `twitch.tv/activate` page of the Device Code Flow: shows the code and lets the
 * person approve (as any login, the default broadcaster unless changed) or deny it.
 */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Twitch simulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#18181b}
input{font-size:1.2rem;padding:.4rem}button{font-size:1rem;padding:.5rem 1rem;margin-right:.5rem}
code{font-size:1.4rem;letter-spacing:.2rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** The form: the user code (pre-filled from `?device-code=`), the login to sign in as, approve or deny. */
export function activateForm(userCode: string, defaultLogin: string): string {
  return page(
    'Activate your device',
    `<p>This is the Twitch simulator's stand-in for twitch.tv/activate.</p>
<form method="post" action="/activate">
<p><label>Code <input name="user_code" value="${escapeHtml(userCode)}" autocomplete="off" required></label></p>
<p><label>Sign in as <input name="login" value="${escapeHtml(defaultLogin)}"></label></p>
<p><button name="decision" value="approve">Authorize</button><button name="decision" value="deny">Cancel</button></p>
</form>`,
  );
}

/** The page after a decision. */
export function activateResult(
  outcome: 'approved' | 'denied' | 'unknown',
  userCode: string,
): string {
  if (outcome === 'approved') {
    return page(
      'Device activated',
      `<p>Code <code>${escapeHtml(userCode)}</code> is approved. You can close this page.</p>`,
    );
  }
  if (outcome === 'denied') {
    return page('Access denied', `<p>Code <code>${escapeHtml(userCode)}</code> was denied.</p>`);
  }
  return page(
    'Code not found',
    `<p>No sign-in is waiting for <code>${escapeHtml(userCode)}</code> (it may have expired or been used). Start again on the device.</p>`,
  );
}
