import { helixTime } from './twitch-time.js';

/** A Twitch user known to the simulator. */
export interface SimulatedUser {
  readonly id: string;
  /** Lower-case login name. */
  readonly login: string;
  /** Display name (the login with Twitch's capitalisation). */
  readonly displayName: string;
  /** Helix `created_at`. */
  readonly createdAt: string;
  readonly broadcasterType: '' | 'affiliate' | 'partner';
}

/** Thrown for input the simulator cannot act on (answered 400 by the control API). */
export class SimulatorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorInputError';
  }
}

const LOGIN = /^[a-z0-9_]{1,25}$/;

/**
 * Every user the simulator has heard of: the default broadcaster, and anyone an event names. Users
 * are made up on first mention, so `--user alice` just works and Helix `/users?login=alice` finds her.
 */
export class UserDirectory {
  private readonly byId = new Map<string, SimulatedUser>();
  private readonly byLogin = new Map<string, SimulatedUser>();
  private nextId = 2000;

  /** Adds a user with a fixed id (for the default broadcaster, say). */
  add(user: {
    id: string;
    login: string;
    displayName?: string;
    broadcasterType?: SimulatedUser['broadcasterType'];
  }): SimulatedUser {
    const login = normaliseLogin(user.login);
    const created: SimulatedUser = {
      id: user.id,
      login,
      displayName:
        user.displayName?.toLowerCase() === login ? user.displayName : displayNameFor(login),
      createdAt: helixTime(new Date(Date.UTC(2019, 10, 16, 10, 11, 12))),
      broadcasterType: user.broadcasterType ?? '',
    };
    this.byId.set(created.id, created);
    this.byLogin.set(created.login, created);
    return created;
  }

  /** The user with this id or login (case-insensitive), if known. */
  find(idOrLogin: string): SimulatedUser | undefined {
    const key = idOrLogin.trim();
    return this.byId.get(key) ?? this.byLogin.get(key.toLowerCase());
  }

  /** The user with this id, if known. */
  findById(id: string): SimulatedUser | undefined {
    return this.byId.get(id.trim());
  }

  /** The user with this login (case-insensitive), if known. */
  findByLogin(login: string): SimulatedUser | undefined {
    return this.byLogin.get(login.trim().toLowerCase());
  }

  /** The user with this id or login, made up if unknown; a new anonymous-looking viewer when undefined. */
  resolve(idOrLogin?: string): SimulatedUser {
    if (idOrLogin === undefined || idOrLogin.trim() === '') {
      let login: string;
      do login = `viewer_${this.nextId}`;
      while (this.byLogin.has(login));
      return this.create(login);
    }
    return this.find(idOrLogin) ?? this.create(idOrLogin.trim());
  }

  /** The user with this id or login (made up if unknown), or `fallback` when none is named. */
  resolveOr(idOrLogin: string | undefined, fallback: SimulatedUser): SimulatedUser {
    return idOrLogin === undefined || idOrLogin === '' ? fallback : this.resolve(idOrLogin);
  }

  private create(name: string): SimulatedUser {
    while (this.byId.has(String(this.nextId))) this.nextId++;
    // "AliCe" becomes login alice with display name AliCe, as on Twitch.
    return this.add({ id: String(this.nextId++), login: name, displayName: name });
  }
}

function normaliseLogin(raw: string): string {
  const login = raw.trim().toLowerCase();
  if (!LOGIN.test(login)) {
    throw new SimulatorInputError(
      `"${raw}" is not a Twitch login (letters, digits and _, at most 25 characters)`,
    );
  }
  return login;
}

function displayNameFor(login: string): string {
  return login.charAt(0).toUpperCase() + login.slice(1);
}
