/** The Slack presentation layer: pure builders, data in, Block Kit or mrkdwn out. */
export * from './block-kit-ids.js';
export type { SlackMessage } from './block-kit.js';
export { requestModal, loadingModal, progressModal, refusalModal, checkingRequestView, requestSubmittedView } from './request-modal.js';
export type { RequestModalInput, ApproversInfo } from './request-modal.js';
export { approvalCard, approvalCardText, approvalReminderText } from './approval-card.js';
export { approveModal, rejectModal } from './decision-modals.js';
export { caseStatusMessage, caseDecidedText } from './case-status-message.js';
export { subjectReadyMessage, subjectFailedMessage, caseFinishedMessage } from './subject-messages.js';
export { downloadLinksMessage, downloadLinksModal, exportExpiredMessage, exportExpiredModal } from './download-links.js';
export { homeView } from './home-view.js';
export { caseActions, caseWithdrawnText, withdrawModal, withdrawalLine, deadlineEscalationText, deadlineExtendedText, deadlineOverdueText, deadlineReminderText, extendModal, extensionLine } from './deadline-views.js';
export type { HomeViewInput } from './home-view.js';
export { helpText, statusListText, statusListMessage, caseDetailMessage, notAllowedText, mentionedPeopleRefusal } from './command-replies.js';
export type { MentionedPerson } from './command-replies.js';
export { timelineModal, readTimelineRange } from './timeline-modal.js';
export { escapeDisplayText, escapeSentence } from './format.js';
export { oversightHomeBlocks, caseListText, auditExportComment, auditExportSentText, auditExportFileTitle, HOME_AUDIT_EXPORT_DAYS } from './oversight-views.js';
export { purgedCaseTombstone } from './tombstone.js';
