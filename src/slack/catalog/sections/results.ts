/**
 * What the requester reads about their results: download links and their lifetime, an expired
 * export, and the replies to the buttons on their result messages. Parameters arrive already
 * formatted (names escaped, times written by the Reader); counts arrive as numbers.
 */
export interface ResultsWords {
  linksText: (p: { name: string; archives: number }) => string;
  linksTitle: () => string;
  close: () => string;
  noArchive: (p: { name: string }) => string;
  archivesIntro: (p: { name: string; archives: number }) => string;
  someNotListed: () => string;
  personalData: () => string;
  archiveLabel: (p: { n: number; total: number }) => string;
  /** `link`: the label already made a link */
  linkLine: (p: { link: string; lifetime: string }) => string;
  linkTooLong: (p: { label: string }) => string;
  lifetime: {
    unknown: () => string;
    expired: () => string;
    until: (p: { time: string; about: string }) => string;
    lessThanAMinute: () => string;
    aboutMinutes: (p: { minutes: number }) => string;
    aboutHours: (p: { hours: number }) => string;
  };
  expired: {
    text: (p: { name: string; caseId: string }) => string;
    title: () => string;
    body: (p: { name: string; caseId: string }) => string;
    next: () => string;
    requestAgain: () => string;
  };
  actions: {
    askingForLink: () => string;
    notAnExport: () => string;
    resubmitting: () => string;
    notRequester: () => string;
  };
}
