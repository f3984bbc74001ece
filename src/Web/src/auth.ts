// Sign-in with the authorization code flow and PKCE (RFC 7636) against the host's own authorization server, as the
// public client "mes-web" (people), or "mes-ops-web" on the operators' page (agents, reading waves only). The access
// token lives in memory only; the refresh token in sessionStorage (this tab, gone when it closes), so that a reload
// does not sign the person out. The token endpoint rotates it at each use.

/** The operators' page (`/operators`) is its own application, with its own client, sign-in and storage keys. */
export const operatorsPage = location.pathname === "/operators" || location.pathname.startsWith("/operators/");

const realm = operatorsPage
  ? { clientId: "mes-ops-web", scope: "openid offline_access mes.waves.read", home: "/operators", keys: "mes.ops" }
  : { clientId: "mes-web", scope: "openid offline_access launch/patient", home: "/", keys: "mes" };
const clientId = realm.clientId;
const pendingKey = `${realm.keys}.signin`;
const refreshKey = `${realm.keys}.refresh`;
const idTokenKey = `${realm.keys}.id`;

export interface Session {
  accessToken: string;
  expiresAt: number;
  patient: string;
}

let session: Session | null = null;
let refreshing: Promise<Session | null> | null = null;

const redirectUri = () => `${location.origin}${realm.home}`;

function base64Url(bytes: Uint8Array): string {
  let text = "";
  bytes.forEach((b) => (text += String.fromCharCode(b)));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomText(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Sends the browser to sign in; it comes back to this page with a code. */
export async function signIn(): Promise<void> {
  const verifier = randomText();
  const state = randomText();
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state, path: location.pathname }));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri(),
    scope: realm.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  location.assign(`/connect/authorize?${query}`);
}

async function tokenRequest(form: Record<string, string>): Promise<Session> {
  const response = await fetch("/connect/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: clientId, ...form }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error_description ?? body.error ?? `HTTP ${response.status}`);
  }

  if (body.refresh_token) sessionStorage.setItem(refreshKey, body.refresh_token);
  if (body.id_token) sessionStorage.setItem(idTokenKey, body.id_token);
  session = { accessToken: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000, patient: body.patient ?? "" };
  return session;
}

/**
 * On load: finishes a sign-in that came back with a code (the path the person started from is restored), or resumes
 * the tab's session with its refresh token. Null when the person is not signed in.
 */
export async function resume(): Promise<Session | null> {
  const query = new URLSearchParams(location.search);
  const pending = sessionStorage.getItem(pendingKey);
  if (query.has("code") || query.has("error")) {
    sessionStorage.removeItem(pendingKey);
    const started = pending ? (JSON.parse(pending) as { verifier: string; state: string; path: string }) : null;
    history.replaceState(null, "", started?.path ?? realm.home);
    if (query.has("error")) {
      throw new Error(query.get("error_description") ?? "La connexion a été annulée.");
    }

    if (!started || started.state !== query.get("state")) {
      throw new Error("Cette connexion ne vient pas de cette page : recommencez.");
    }

    return tokenRequest({ grant_type: "authorization_code", code: query.get("code")!, redirect_uri: redirectUri(), code_verifier: started.verifier });
  }

  return refresh();
}

/**
 * A new access token from the tab's refresh token; null when there is none or it was refused (signed out elsewhere).
 * One refresh at a time: the calls a screen makes together share it, since a refresh token used twice is taken for a
 * stolen one and the server revokes the whole grant.
 */
export function refresh(): Promise<Session | null> {
  refreshing ??= (async () => {
    const token = sessionStorage.getItem(refreshKey);
    if (!token) return null;
    try {
      return await tokenRequest({ grant_type: "refresh_token", refresh_token: token });
    } catch {
      sessionStorage.removeItem(refreshKey);
      session = null;
      return null;
    }
  })().finally(() => (refreshing = null));
  return refreshing;
}

/** The current access token, refreshed a minute before it expires. */
export async function accessToken(): Promise<string | null> {
  if (session && session.expiresAt - Date.now() > 60_000) return session.accessToken;
  return (await refresh())?.accessToken ?? null;
}

/** Ends the session at the server (its tokens are revoked) and comes back to this page signed out. */
export function signOut(): void {
  const idToken = sessionStorage.getItem(idTokenKey);
  sessionStorage.removeItem(refreshKey);
  sessionStorage.removeItem(idTokenKey);
  session = null;
  const query = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: redirectUri() });
  if (idToken) query.set("id_token_hint", idToken);
  location.assign(`/connect/endsession?${query}`);
}
