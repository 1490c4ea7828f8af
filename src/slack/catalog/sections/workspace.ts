/** What someone from another Slack workspace reads when SLACK_TEAM_ID refuses their request. */
export interface WorkspaceWords {
  /** the title of the form replaced by the refusal (≤ 24 characters) */
  refusalTitle: () => string;
  otherWorkspace: () => string;
}
