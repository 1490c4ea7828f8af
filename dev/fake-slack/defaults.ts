/** Identities the fake server and the signed client agree on unless a test chooses others. */
export const DEFAULT_BOT_TOKEN = 'xoxb-test-token';
export const DEFAULT_TEAM_ID = 'T0TEST';
export const DEFAULT_BOT_USER_ID = 'UBOT';
export const DEFAULT_BOT_ID = 'BBOT';
export const FAKE_APP_ID = 'A0FAKESLACK';
/** Where slash commands are typed unless a test says otherwise; the fake knows it by default. */
export const DEFAULT_COMMAND_CHANNEL = 'C0GENERAL';
