import type { CommandWords } from '../sections/command.js';
import { counter } from '../reader.js';

const count = counter('en');
const OTHER_FIELD = 'in the *Other people* field of the form';
const HOW_TO_NAME = 'Name people with @mentions, email addresses or Genesys user IDs, separated by spaces or commas';

const enHints: CommandWords['hint'] = {
  timeline: () => 'To build a timeline, give the case ID: `/gdpr-export timeline GX-7K2M9QPA`.',
  extend: () => 'To extend a deadline, give the case ID: `/gdpr-export extend GX-7K2M9QPA`.',
  withdraw: () => 'To withdraw a request, give the case ID: `/gdpr-export withdraw GX-7K2M9QPA`.',
  case_status: () => 'To see one request, give its case ID: `/gdpr-export status GX-7K2M9QPA`, or type `/gdpr-export status` alone.',
  cases: () => 'Use `/gdpr-export cases`, `/gdpr-export cases open`, `/gdpr-export cases overdue` or `/gdpr-export cases GX-7K2M9QPA`.',
  audit_export: () => 'Give the number of days to export, for example `/gdpr-export audit-export 30`.',
  link: () => 'Links are not accepted.',
  not_a_mention: () => 'Slack did not turn it into a mention: pick the person from the list that appears as you type their name.',
};

export const enCommand: CommandWords = {
  help: (p) =>
    [
      '*GDPR chat export* asks Genesys Cloud for the Collaborate chat of named people, for a GDPR or legal request.',
      '• `/gdpr-export` opens the request form.',
      `• \`/gdpr-export @person @person\` opens it with those people filled in (at most ${p.maxSubjects}).`,
      '• You can also name people by email address or Genesys user ID, for example people who have left Slack.',
      '• `/gdpr-export status` lists your requests, with each person’s last Genesys status; `/gdpr-export status GX-7K2M9QPA` shows one in full.',
      '• `/gdpr-export extend GX-7K2M9QPA` extends the GDPR deadline of a data subject access request once, by up to two months, with a reason.',
      '• `/gdpr-export withdraw GX-7K2M9QPA` withdraws a request you made, with a reason.',
      '• `/gdpr-export timeline GX-7K2M9QPA` builds a conversation timeline once every export of that case is ready.',
      '• GDPR auditors: `/gdpr-export cases [open|overdue|GX-7K2M9QPA]` shows every case, read-only, and `/gdpr-export audit-export [days]` sends the audit trail (CSV) to your DM.',
      '• `/gdpr-export help` shows this message.',
      '',
      'Good to know:',
      '• Each export holds only that person’s own messages: for a conversation, name every participant.',
      '• Only messages inside your organisation’s chat retention period are included.',
      '• Genesys Cloud can take several days. The bot tells you in a direct message as each export is ready, and every download link works for a few minutes only.',
      '• Genesys Cloud cannot export a whole organisation, a channel or a user group: name the people.',
    ].join('\n'),
  notAllowed: () =>
    'Only the configured GDPR requesters can request exports. If your role needs it, ask the app’s administrator to add you to GDPR_REQUESTERS.',
  cannotSee: (p) => `The bot cannot see ${p.who} in this workspace. Give their email address or Genesys user ID instead.`,
  subjectProblem: {
    no_match: (p) =>
      `No Genesys Cloud user matches ${p.who}, so there is nothing to export. Check the email address, or give their Genesys user ID ${OTHER_FIELD}.`,
    ambiguous: (p) =>
      `Several Genesys Cloud users match ${p.who}, so the bot cannot tell which one you mean. Give their Genesys user ID ${OTHER_FIELD} instead.`,
    no_email: (p) =>
      `The bot cannot see an email address for ${p.who} in Slack, so it cannot find them in Genesys Cloud. Give their email address or Genesys user ID ${OTHER_FIELD} instead.`,
    bot: (p) => `${p.who} is an app or bot, not a person: Genesys Cloud holds no personal chat to export for it. Remove it from the list.`,
    deactivated: (p) =>
      `${p.who} is deactivated in Slack, so the bot cannot match them to Genesys Cloud through Slack. Give their email address or Genesys user ID ${OTHER_FIELD} instead.`,
    invalid_email: (p) => `${p.who} is not a valid email address. Check it for typos: an address has a name, an @ and a domain.`,
    invalid_id: (p) =>
      `${p.who} is not a Genesys Cloud user ID, or no user has it. A Genesys user ID looks like \`0d5f3c2a-1b4e-4c8d-9f00-123456789abc\`: copy it from the user's profile URL in Genesys Cloud.`,
  },
  nobodyChosen: () => 'Choose at least one person, or enter an email or Genesys user ID below.',
  tooManyChosen: (p) =>
    `At most ${p.maxSubjects} people per request: Genesys Cloud exports target one person or a small set. You named ${p.named}.`,
  refusal: {
    broadcast: (p) =>
      `Genesys Cloud does not support exporting a whole organisation's chat history: name the people concerned, at most ${p.maxSubjects}.`,
    usergroup: (p) =>
      `User groups cannot be exported: each export covers one person, and a group's members change over time. Name the people concerned, at most ${p.maxSubjects}.`,
    channel: (p) =>
      `Channels cannot be exported: Genesys Cloud exports people, not conversations. Name every participant of the conversation, at most ${p.maxSubjects}; each export holds only that person's own messages.`,
    too_many: (p) =>
      `You named ${p.named ?? `more than ${p.maxSubjects}`} people, but one request covers at most ${p.maxSubjects}. Split them across several requests.`,
    nobody_named: () => `That names nobody. ${HOW_TO_NAME}, e.g. \`/gdpr-export @jane\`, or type \`/gdpr-export\` alone to open the form.`,
    invalid_email: (p) =>
      `Item ${p.position ?? '?'} of your command is not a valid email address. Check it for typos (an address has a name, an @ and a domain), or pick the person in the form instead.`,
    unknown_token: (p) =>
      `I don't recognise ${p.token ?? '`?`'}. ${p.hint ? `${enHints[p.hint]()} ` : ''}${HOW_TO_NAME}. Type \`/gdpr-export help\` for examples.`,
  },
  hint: enHints,
  status: {
    empty: () => 'You have no export requests. Type `/gdpr-export` to start one.',
    listTitle: () => '*Your GDPR export requests*, newest first:',
    openTitle: (p) => `*Your GDPR export requests*: ${count(p.open, { one: 'open request', other: 'open requests' })}, newest first.`,
    caseLine: (p) => `${p.id} ${p.reference}: ${p.state} · ${p.ready} of ${count(p.total, { one: 'person', other: 'people' })} ready${p.due}`,
    olderRequests: (p) => `…and ${p.n} older requests.`,
    moreOpen: (p) => `…and ${p.n} more open requests.`,
    olderClosed: (p) => `…and ${p.n} older closed requests.`,
    closedTitle: () => '*Closed*',
    oneInFull: () => '`/gdpr-export status GX-…` shows one request in full.',
  },
  check: {
    line: (p) => `${p.name}: ${p.progress} · ${p.details}`,
    genesysStatus: (p) => `Genesys status ${p.status}, `,
    noStatus: () => 'no status from Genesys Cloud yet, ',
    lastChecked: (p) => `last checked ${p.when}`,
    sentNotChecked: (p) => `sent ${p.when}, not checked since`,
    notChecked: () => 'not checked yet',
    nextCheck: (p) => `, next check ${p.when}`,
  },
  caseDetail: {
    text: (p) => `GDPR export ${p.id}: ${p.state}.`,
    title: (p) => `*GDPR export ${p.id}*, reference ${p.reference}`,
    legalBasis: (p) => `*Legal basis:* ${p.basis}`,
    requestedBy: (p) => `*Requested by* ${p.who} on ${p.when}`,
    deadline: (p) => `*Deadline:* ${p.line}`,
    people: (p) => `People (${p.ready} of ${p.total} ready)`,
    attempt: (p) => ` · attempt ${p.n}`,
  },
};
