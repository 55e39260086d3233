/** Names of the action's inputs, outputs and post-step state: the public contract lives here only. */

export enum Inputs {
  Mode = 'mode',
  Path = 'path',
  Include = 'include',
  Exclude = 'exclude',
  Allow = 'allow',
  Protected = 'protected',
  FailOn = 'fail-on',
  Algorithm = 'algorithm',
  BaselineName = 'baseline-name',
  BaselineFile = 'baseline-file',
  OnMissingBaseline = 'on-missing-baseline',
  UpdateBaseline = 'update-baseline',
  SigningKey = 'signing-key',
  RequireSigning = 'require-signing',
  WatchJob = 'watch-job',
  CreateIssue = 'create-issue',
  IssueLabels = 'issue-labels',
  IssueAssignees = 'issue-assignees',
  Checklist = 'checklist',
  ChecklistTemplate = 'checklist-template',
  IssueNumber = 'issue-number',
  SarifFile = 'sarif-file',
  GithubToken = 'github-token',
  AllowUntrustedSave = 'allow-untrusted-save',
  ExplainWithGit = 'explain-with-git',
  WatchActions = 'watch-actions',
  ActionsPath = 'actions-path',
}

export enum Outputs {
  Result = 'result',
  Added = 'added',
  Removed = 'removed',
  Modified = 'modified',
  Moved = 'moved',
  Changes = 'changes',
  Critical = 'critical',
  ReportFile = 'report-file',
  ManifestFile = 'manifest-file',
  BaselineKey = 'baseline-key',
  IssueNumber = 'issue-number',
  IssueUrl = 'issue-url',
}

export enum State {
  WatchSettings = 'watchSettings',
}

export const MODES = ['verify', 'baseline', 'lessons-learned'] as const
export type Mode = (typeof MODES)[number]

/** GitHub's limits the reports must stay within. */
export const LIMITS = {
  issueBody: 65536,
  stepSummary: 1024 * 1024,
  /**
   * Path annotations per level and step. GitHub shows only the first 10 error, 10 warning and 10 notice
   * annotations of a step: 8 leave room for the "N more" line and the step's own failure message, which
   * would otherwise be the ones dropped.
   */
  annotationsPerLevel: 8,
} as const
