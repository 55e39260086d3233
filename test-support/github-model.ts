/**
 * In-memory repositories, issues, comments and labels for the local GitHub stand-in, and the functions that
 * render them in GitHub's REST shapes (checked against the description by the stand-in's response check).
 */

/** A label as the stand-in stores it. */
export interface LabelRecord {
  id: number
  name: string
  color: string
  description: string | null
}

/** An issue as the stand-in stores it. Labels are stored by name, assignees by login. */
export interface IssueRecord {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  stateReason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null
  labels: string[]
  assignees: string[]
  user: string
  createdAt: string
  updatedAt: string
  closedAt: string | null
  closedBy: string | null
}

/** An issue comment as the stand-in stores it. */
export interface CommentRecord {
  id: number
  issueNumber: number
  body: string
  user: string
  createdAt: string
  updatedAt: string
}

/** One file of a compare response (what `repos/compare-commits-with-basehead` lists). */
export interface CompareFile {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'
  previous_filename?: string
  additions?: number
  deletions?: number
  sha?: string
}

/** What the compare endpoint answers for one repository (all baseheads alike unless keyed). */
export interface CompareStub {
  files: CompareFile[]
  status?: 'diverged' | 'ahead' | 'behind' | 'identical'
  aheadBy?: number
  behindBy?: number
}

/** One repository held by the stand-in. */
export interface RepoRecord {
  id: number
  owner: string
  name: string
  defaultBranch: string
  private: boolean
  issues: IssueRecord[]
  comments: CommentRecord[]
  /** Keyed by lower-cased name: GitHub label names are case-insensitive. */
  labels: Map<string, LabelRecord>
  /** Keyed by basehead (`base...head`); `*` answers every other basehead. */
  compare: Map<string, CompareStub>
}

/** Seed for an issue created directly in the state (not through the API, so no request is recorded). */
export interface IssueSeed {
  title: string
  body?: string
  state?: 'open' | 'closed'
  labels?: string[]
  assignees?: string[]
  user?: string
}

/** Timestamps in GitHub's form: whole seconds, `Z`. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** A stable positive id for a login, so the same user always renders the same way. */
function userId(login: string): number {
  let h = 7
  for (const ch of login) h = (h * 31 + ch.charCodeAt(0)) % 2_000_000_000
  return h + 1
}

function nodeId(kind: string, id: number): string {
  return Buffer.from(`0:${kind}${id}`).toString('base64')
}

/**
 * The stand-in's whole state. Tests read it to assert outcomes and may seed it before the code under test
 * runs; everything is synchronous and has no locking, like GitHub's API offers none across requests.
 */
/** A person's role in every repository of the stand-in (GitHub's roles; absent = not a collaborator). */
export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read'

export class GitHubState {
  readonly repos = new Map<string, RepoRecord>()
  /** Roles by lower-case login: what `GET …/collaborators/{username}/permission` answers. */
  readonly roles = new Map<string, Role>()
  private nextId = 1000
  private readonly clock: () => Date

  constructor(repos: string[], clock: () => Date) {
    this.clock = clock
    for (const fullName of repos) this.addRepo(fullName)
  }

  /** Current time as a GitHub timestamp (from the clock option, so tests can move time). */
  now(): string {
    return timestamp(this.clock())
  }

  /** Gives `login` a role (or takes it away with undefined). */
  setRole(login: string, role: Role | undefined): void {
    if (role) this.roles.set(login.toLowerCase(), role)
    else this.roles.delete(login.toLowerCase())
  }

  /** The role of `login`, if a collaborator. */
  role(login: string): Role | undefined {
    return this.roles.get(login.toLowerCase())
  }

  /** A fresh id, unique across all kinds of objects in this stand-in. */
  id(): number {
    return this.nextId++
  }

  /** Adds an empty repository `owner/name` (idempotent). */
  addRepo(fullName: string, options: { defaultBranch?: string; private?: boolean } = {}): RepoRecord {
    const key = fullName.toLowerCase()
    const existing = this.repos.get(key)
    if (existing) return existing
    const [owner, name] = fullName.split('/')
    if (!owner || !name) throw new Error(`Invalid repository '${fullName}'. Expected format {owner}/{repo}.`)
    const repo: RepoRecord = {
      id: this.id(),
      owner,
      name,
      defaultBranch: options.defaultBranch ?? 'main',
      private: options.private ?? false,
      issues: [],
      comments: [],
      labels: new Map(),
      compare: new Map(),
    }
    this.repos.set(key, repo)
    return repo
  }

  /** The repository `owner/name` (case-insensitive, like GitHub), or `undefined`. */
  repo(fullName: string): RepoRecord | undefined {
    return this.repos.get(fullName.toLowerCase())
  }

  private must(fullName: string): RepoRecord {
    const repo = this.repo(fullName)
    if (!repo) throw new Error(`The stand-in holds no repository '${fullName}'`)
    return repo
  }

  /** All issues of a repository, in creation order. */
  issues(fullName: string): IssueRecord[] {
    return this.must(fullName).issues
  }

  /** The issue `number` of a repository, or `undefined`. */
  issue(fullName: string, number: number): IssueRecord | undefined {
    return this.must(fullName).issues.find((i) => i.number === number)
  }

  /** Comments of one issue, oldest first. */
  comments(fullName: string, number: number): CommentRecord[] {
    return this.must(fullName).comments.filter((c) => c.issueNumber === number)
  }

  /** Labels defined in a repository. */
  labels(fullName: string): LabelRecord[] {
    return [...this.must(fullName).labels.values()]
  }

  /** Finds a label by name, case-insensitively. */
  label(fullName: string, name: string): LabelRecord | undefined {
    return this.must(fullName).labels.get(name.toLowerCase())
  }

  /** Defines a label (or returns the existing one), as GitHub does when an unknown label is applied. */
  ensureLabel(
    fullName: string,
    name: string,
    color = 'ededed',
    description: string | null = null,
  ): LabelRecord {
    const repo = this.must(fullName)
    const existing = repo.labels.get(name.toLowerCase())
    if (existing) return existing
    const label: LabelRecord = { id: this.id(), name, color, description }
    repo.labels.set(name.toLowerCase(), label)
    return label
  }

  /** Creates an issue directly (no request recorded): seeds "an incident already open" and the like. */
  seedIssue(fullName: string, seed: IssueSeed): IssueRecord {
    const issue = this.createIssue(fullName, seed.user ?? 'octocat', {
      title: seed.title,
      body: seed.body ?? null,
      labels: seed.labels ?? [],
      assignees: seed.assignees ?? [],
    })
    if (seed.state === 'closed') this.setState(issue, 'closed', 'completed', issue.user)
    return issue
  }

  /** Adds a comment directly (no request recorded). */
  seedComment(fullName: string, number: number, body: string, user = 'octocat'): CommentRecord {
    return this.addComment(fullName, number, body, user)
  }

  /** Sets what the compare endpoint answers for `basehead` (`*`: any basehead) of a repository. */
  setCompare(fullName: string, stub: CompareStub, basehead = '*'): void {
    this.must(fullName).compare.set(basehead, stub)
  }

  /** Creates an issue; labels that do not exist yet are defined on the way, as GitHub does. */
  createIssue(
    fullName: string,
    user: string,
    fields: { title: string; body: string | null; labels: string[]; assignees: string[] },
  ): IssueRecord {
    const repo = this.must(fullName)
    const now = this.now()
    const issue: IssueRecord = {
      id: this.id(),
      number: repo.issues.length + 1,
      title: fields.title,
      body: fields.body,
      state: 'open',
      stateReason: null,
      labels: [],
      assignees: [...new Set(fields.assignees)],
      user,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
    }
    repo.issues.push(issue)
    this.setLabels(fullName, issue, fields.labels)
    return issue
  }

  /** Replaces an issue's labels (by name), defining unknown ones. */
  setLabels(fullName: string, issue: IssueRecord, names: string[]): void {
    const labels: string[] = []
    for (const name of names) {
      const label = this.ensureLabel(fullName, name)
      if (!labels.includes(label.name)) labels.push(label.name)
    }
    issue.labels = labels
  }

  /** Opens or closes an issue, keeping closed_at, closed_by and state_reason as GitHub does. */
  setState(
    issue: IssueRecord,
    state: 'open' | 'closed',
    reason: IssueRecord['stateReason'],
    by: string,
  ): void {
    if (issue.state === state) return
    const wasClosed = issue.state === 'closed'
    issue.state = state
    if (state === 'closed') {
      issue.closedAt = this.now()
      issue.closedBy = by
      issue.stateReason = reason ?? 'completed'
    } else {
      issue.closedAt = null
      issue.closedBy = null
      issue.stateReason = wasClosed ? 'reopened' : null
    }
    issue.updatedAt = this.now()
  }

  /** Adds a comment to an issue and bumps the issue's `updated_at`. */
  addComment(fullName: string, number: number, body: string, user: string): CommentRecord {
    const repo = this.must(fullName)
    const issue = this.issue(fullName, number)
    if (!issue) throw new Error(`No issue #${number} in ${fullName}`)
    const now = this.now()
    const comment: CommentRecord = {
      id: this.id(),
      issueNumber: number,
      body,
      user,
      createdAt: now,
      updatedAt: now,
    }
    repo.comments.push(comment)
    issue.updatedAt = now
    return comment
  }
}

/** Renders GitHub REST objects for one stand-in (needs the API base URL for the `url` fields). */
export class Shapes {
  constructor(
    private readonly apiUrl: string,
    private readonly state: GitHubState,
  ) {}

  /** `simple-user` for a login; `[bot]` logins render as bots. */
  user(login: string): Record<string, unknown> {
    const api = `${this.apiUrl}/users/${encodeURIComponent(login)}`
    const id = userId(login)
    return {
      login,
      id,
      node_id: nodeId('User', id),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url: api,
      // GitHub links a bot to its app page; `[` and `]` are not valid in a URI path anyway.
      html_url: login.endsWith('[bot]')
        ? `https://github.com/apps/${login.slice(0, -'[bot]'.length)}`
        : `https://github.com/${encodeURIComponent(login)}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: login.endsWith('[bot]') ? 'Bot' : 'User',
      site_admin: false,
    }
  }

  private repoApi(repo: RepoRecord): string {
    return `${this.apiUrl}/repos/${repo.owner}/${repo.name}`
  }

  /** `label`. */
  label(repo: RepoRecord, label: LabelRecord): Record<string, unknown> {
    return {
      id: label.id,
      node_id: nodeId('Label', label.id),
      url: `${this.repoApi(repo)}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      description: label.description,
      color: label.color,
      default: false,
    }
  }

  /** `issue`. */
  issue(repo: RepoRecord, issue: IssueRecord): Record<string, unknown> {
    const api = `${this.repoApi(repo)}/issues/${issue.number}`
    const fullName = `${repo.owner}/${repo.name}`
    const labels = issue.labels.map((name) => this.label(repo, this.state.ensureLabel(fullName, name)))
    const assignees = issue.assignees.map((login) => this.user(login))
    return {
      id: issue.id,
      node_id: nodeId('Issue', issue.id),
      url: api,
      repository_url: this.repoApi(repo),
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `https://github.com/${fullName}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      user: this.user(issue.user),
      labels,
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: this.state.comments(fullName, issue.number).length,
      closed_at: issue.closedAt,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_by: issue.closedBy ? this.user(issue.closedBy) : null,
      author_association: this.association(repo, issue.user),
      timeline_url: `${api}/timeline`,
    }
  }

  /** `author_association`: OWNER for the owner, COLLABORATOR for anyone with a role (even read), else NONE. */
  private association(repo: RepoRecord, login: string): string {
    if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER'
    return this.state.role(login) ? 'COLLABORATOR' : 'NONE'
  }

  /** `repository-collaborator-permission`: the legacy base role (maintain → write, triage → read). */
  permission(login: string, role: Role): Record<string, unknown> {
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role
    return {
      permission,
      role_name: role,
      user: {
        ...this.user(login),
        permissions: {
          admin: role === 'admin',
          maintain: role === 'admin' || role === 'maintain',
          push: permission === 'admin' || permission === 'write',
          triage: true,
          pull: true,
        },
        role_name: role,
      },
    }
  }

  /** `issue-comment`. */
  comment(repo: RepoRecord, comment: CommentRecord): Record<string, unknown> {
    const fullName = `${repo.owner}/${repo.name}`
    return {
      id: comment.id,
      node_id: nodeId('IssueComment', comment.id),
      url: `${this.repoApi(repo)}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
      body: comment.body,
      user: this.user(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      issue_url: `${this.repoApi(repo)}/issues/${comment.issueNumber}`,
      author_association: this.association(repo, comment.user),
    }
  }

  /** `full-repository`, with the many `*_url` fields GitHub always sends. */
  repository(repo: RepoRecord): Record<string, unknown> {
    const api = this.repoApi(repo)
    const fullName = `${repo.owner}/${repo.name}`
    const open = repo.issues.filter((i) => i.state === 'open').length
    const created = '2020-01-01T00:00:00Z'
    const templated = (name: string, suffix = '') => `${api}/${name}${suffix}`
    return {
      id: repo.id,
      node_id: nodeId('Repository', repo.id),
      name: repo.name,
      full_name: fullName,
      owner: this.user(repo.owner),
      private: repo.private,
      html_url: `https://github.com/${fullName}`,
      description: null,
      fork: false,
      url: api,
      archive_url: templated('{archive_format}{/ref}'),
      assignees_url: templated('assignees', '{/user}'),
      blobs_url: templated('git/blobs', '{/sha}'),
      branches_url: templated('branches', '{/branch}'),
      collaborators_url: templated('collaborators', '{/collaborator}'),
      comments_url: templated('comments', '{/number}'),
      commits_url: templated('commits', '{/sha}'),
      compare_url: templated('compare/{base}...{head}'),
      contents_url: templated('contents/{+path}'),
      contributors_url: templated('contributors'),
      deployments_url: templated('deployments'),
      downloads_url: templated('downloads'),
      events_url: templated('events'),
      forks_url: templated('forks'),
      git_commits_url: templated('git/commits', '{/sha}'),
      git_refs_url: templated('git/refs', '{/sha}'),
      git_tags_url: templated('git/tags', '{/sha}'),
      git_url: `git://github.com/${fullName}.git`,
      hooks_url: templated('hooks'),
      issue_comment_url: templated('issues/comments', '{/number}'),
      issue_events_url: templated('issues/events', '{/number}'),
      issues_url: templated('issues', '{/number}'),
      keys_url: templated('keys', '{/key_id}'),
      labels_url: templated('labels', '{/name}'),
      languages_url: templated('languages'),
      merges_url: templated('merges'),
      milestones_url: templated('milestones', '{/number}'),
      notifications_url: templated('notifications{?since,all,participating}'),
      pulls_url: templated('pulls', '{/number}'),
      releases_url: templated('releases', '{/id}'),
      ssh_url: `git@github.com:${fullName}.git`,
      stargazers_url: templated('stargazers'),
      statuses_url: templated('statuses/{sha}'),
      subscribers_url: templated('subscribers'),
      subscription_url: templated('subscription'),
      tags_url: templated('tags'),
      teams_url: templated('teams'),
      trees_url: templated('git/trees', '{/sha}'),
      clone_url: `https://github.com/${fullName}.git`,
      mirror_url: null,
      svn_url: `https://github.com/${fullName}`,
      homepage: null,
      language: 'TypeScript',
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      size: 1,
      default_branch: repo.defaultBranch,
      open_issues: open,
      open_issues_count: open,
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: repo.private ? 'private' : 'public',
      license: null,
      pushed_at: created,
      created_at: created,
      updated_at: created,
      network_count: 0,
      subscribers_count: 0,
    }
  }

  /** A `commit` for the compare response: deterministic, only what the schema requires. */
  commit(repo: RepoRecord, ref: string): Record<string, unknown> {
    const sha = /^[0-9a-f]{40}$/.test(ref)
      ? ref
      : Buffer.from(ref.padEnd(20, '.')).toString('hex').slice(0, 40)
    const api = this.repoApi(repo)
    const person = { name: 'Octo Cat', email: 'octocat@github.com', date: '2020-01-01T00:00:00Z' }
    return {
      url: `${api}/commits/${sha}`,
      sha,
      node_id: nodeId('Commit', repo.id),
      html_url: `https://github.com/${repo.owner}/${repo.name}/commit/${sha}`,
      comments_url: `${api}/commits/${sha}/comments`,
      commit: {
        url: `${api}/git/commits/${sha}`,
        author: person,
        committer: person,
        message: `Commit ${ref}`,
        comment_count: 0,
        tree: { sha, url: `${api}/git/trees/${sha}` },
      },
      author: null,
      committer: null,
      parents: [],
    }
  }

  /** `commit-comparison` for `base...head`, with the files the test set through `setCompare`. */
  comparison(repo: RepoRecord, basehead: string): Record<string, unknown> {
    const [base, head = base] = basehead.split('...')
    const stub = repo.compare.get(basehead) ?? repo.compare.get('*') ?? { files: [] }
    const fullName = `${repo.owner}/${repo.name}`
    const headCommit = this.commit(repo, head)
    const headSha = String(headCommit.sha)
    const files = stub.files.map((f) => {
      const path = f.filename.split('/').map(encodeURIComponent).join('/')
      const additions = f.additions ?? 0
      const deletions = f.deletions ?? 0
      return {
        sha: f.sha ?? (f.status === 'removed' ? null : headSha),
        filename: f.filename,
        status: f.status,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `https://github.com/${fullName}/blob/${headSha}/${path}`,
        raw_url: `https://github.com/${fullName}/raw/${headSha}/${path}`,
        contents_url: `${this.repoApi(repo)}/contents/${path}?ref=${headSha}`,
        ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}),
      }
    })
    const aheadBy = stub.aheadBy ?? (files.length > 0 ? 1 : 0)
    return {
      url: `${this.repoApi(repo)}/compare/${basehead}`,
      html_url: `https://github.com/${fullName}/compare/${basehead}`,
      permalink_url: `https://github.com/${fullName}/compare/${basehead}`,
      diff_url: `https://github.com/${fullName}/compare/${basehead}.diff`,
      patch_url: `https://github.com/${fullName}/compare/${basehead}.patch`,
      base_commit: this.commit(repo, base),
      merge_base_commit: this.commit(repo, base),
      status: stub.status ?? (aheadBy > 0 ? 'ahead' : 'identical'),
      ahead_by: aheadBy,
      behind_by: stub.behindBy ?? 0,
      total_commits: aheadBy,
      commits: aheadBy > 0 ? [headCommit] : [],
      files,
    }
  }
}
