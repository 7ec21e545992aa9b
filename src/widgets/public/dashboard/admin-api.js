// @ts-check

/** Where this browser keeps the admin token. */
const TOKEN_KEY = 'twitch-realtime:admin-token';

/** An admin call that did not work, with the service's own explanation. */
export class AdminError extends Error {}

/**
 * Calls the admin routes (sign-in, test alerts, pause/skip, replay). When the service has ADMIN_TOKEN set,
 * it asks for the token once, keeps it in this browser, sends it as a bearer token, and asks again
 * only when the service refuses it.
 */
export class AdminApi {
  /**
   * @param {object} options
   * @param {boolean} options.tokenRequired  from `GET /api/dashboard/settings`
   * @param {(refused: boolean) => Promise<string | null>} options.askToken  null when cancelled
   */
  constructor(options) {
    this.options = options;
  }

  /**
   * POSTs `body` as JSON; resolves with the JSON answer.
   * @template T
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<T>}
   */
  async post(path, body) {
    return this.request('POST', path, body);
  }

  /**
   * GETs an admin route; resolves with the JSON answer.
   * @template T
   * @param {string} path
   * @returns {Promise<T>}
   */
  async get(path) {
    return this.request('GET', path);
  }

  /**
   * @template T
   * @param {'GET' | 'POST'} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<T>}
   */
  async request(method, path, body) {
    if (this.options.tokenRequired && !readToken()) await this.askToken(false);
    let response = await send(method, path, body);
    if (response.status === 401 && this.options.tokenRequired) {
      await this.askToken(true);
      response = await send(method, path, body);
    }
    if (!response.ok) throw new AdminError(await explain(response));
    return /** @type {Promise<T>} */ (response.json());
  }

  /**
   * Asks for the token and keeps it; throws when the user cancels.
   * @param {boolean} refused  the service refused the one we had
   */
  async askToken(refused) {
    const token = await this.options.askToken(refused);
    if (!token) throw new AdminError('This needs the admin token (ADMIN_TOKEN).');
    try {
      localStorage.setItem(TOKEN_KEY, token);
    } catch {
      sessionToken = token;
    }
  }
}

/** The token when localStorage is unavailable (kept for this page only). */
let sessionToken = '';

function readToken() {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? sessionToken;
  } catch {
    return sessionToken;
  }
}

/**
 * @param {'GET' | 'POST'} method
 * @param {string} path
 * @param {unknown} body
 */
function send(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = method === 'POST' ? { 'content-type': 'application/json' } : {};
  const token = readToken();
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(path, {
    method,
    headers,
    cache: 'no-store',
    ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
  });
}

/**
 * The service's message from an error answer (Nest sends `{ message }`).
 * @param {Response} response
 */
async function explain(response) {
  try {
    const body = await response.json();
    const message = Array.isArray(body.message) ? body.message.join(' ') : body.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    // not JSON: fall through to the status line
  }
  return `The service answered ${response.status} ${response.statusText}.`;
}
