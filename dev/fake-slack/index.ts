/** The fake Slack: a Web API server and a client that sends signed Slack requests to a Bolt app. */
export * from './web-api.js';
export * from './signed-client.js';
export { newResponseUrlId, newTriggerId, TRIGGER_TTL_MS } from './interaction-ids.js';
export { DEFAULT_SCOPES, manifestBotScopes } from './scopes.js';
export * from './defaults.js';
export * from './socket-client.js';
