/** A fake runner `_actions` folder laid out like the runner's: `<owner>/<repo>/<ref>/…` plus `<ref>.completed`. */
import * as fs from 'node:fs'
import * as path from 'node:path'

/** Writes one downloaded action (files relative to its folder) and its marker with a fresh timestamp. */
export function downloadAction(
  actionsDir: string,
  nameWithOwner: string,
  ref: string,
  files: Record<string, string>,
): void {
  const dest = path.join(actionsDir, ...nameWithOwner.split('/'), ...ref.split('/'))
  fs.rmSync(dest, { recursive: true, force: true })
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true })
    fs.writeFileSync(path.join(dest, rel), text)
  }
  // The runner writes DateTime.UtcNow.ToString() here after a successful download: different every run.
  fs.writeFileSync(dest + '.completed', new Date().toString() + Math.random())
}

/** Like the runner at the start of a job: the whole folder is deleted before actions are downloaded. */
export function resetActions(actionsDir: string): void {
  fs.rmSync(actionsDir, { recursive: true, force: true })
  fs.mkdirSync(actionsDir, { recursive: true })
}
