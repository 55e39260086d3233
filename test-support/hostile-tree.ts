/**
 * Builds real directory trees that attack a file-integrity scanner and everything that prints file names:
 * special files, symlink tricks, hard links, names that are not UTF-8, Unicode and case twins, maximal names
 * and depth, and names crafted to inject workflow commands, Markdown, HTML or shell.
 *
 * Every name is created through fs calls with Buffer or string paths, never through a shell: the point of
 * these names is that they are hostile. Path keys in `HostileTree` are the engine's keys (paths.ts): text for
 * valid UTF-8, NUL + base64 for anything else.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as path from 'node:path'

/** A marker each injection name carries right after its line break: it must never start an output line. */
export const INJECTED = 'INJECTED_BY_FILENAME'

/**
 * File names (one path segment each) aimed at the places names are printed. Each is a valid POSIX name: no
 * `/`, no NUL, at most 255 bytes.
 */
export const INJECTION_NAMES: readonly string[] = [
  `nl\n::error::${INJECTED}.txt`,
  `cr\r::warning::${INJECTED}.txt`,
  `nl2\n::stop-commands::${INJECTED}`,
  `nl3\n::set-output name=result::clean ${INJECTED}`,
  `nl4\n::add-mask::${INJECTED}`,
  `::error file=x,title=${INJECTED}::fake.txt`,
  `::notice::${INJECTED} at start.txt`,
  `pct %0A::error::${INJECTED} %25 %3A %2C.txt`,
  `pct2 %0D%0A::warning::${INJECTED}.txt`,
  '`rm -rf ~` $(touch pwned) ; | & > x.sh',
  '```fence``` ``double``.md',
  '@octocat and @github-security please look.txt',
  '#1 closes #2 GH-3 octo-org#4.txt',
  'bidi \u202Egnp.exe',
  'isolate \u2066rtl\u2069 \u200Bzero\u200Dwidth.js',
  '| cell | break |.md',
  '<img src=x onerror=alert(1)>.html',
  '[link](javascript:alert(1)) https:\\\\evil www.evil.example.md',
  '<!-- comment --> & &amp; &#64;octocat.txt',
  '*bold* _it_ ~~s~~ \\ backslash.md',
  '-- --help -rf.txt',
  'esc \u001b[31mred\u001b]0;title\u0007 bell.txt',
  'quote \' " unicode \u00e9\u4e2d\u{1F600}.txt',
]

/** Where the notable entries of a hostile tree are, as path keys. */
export interface HostileTree {
  root: string
  fifo: string
  socket: string
  loop: [string, string]
  selfLoop: string
  escaping: string[]
  dangling: string
  hardLinks: [string, string]
  /** Not UTF-8: a file, a directory and a file inside it (raw keys). */
  nonUtf8: string[]
  /** The same name in NFC and NFD: two distinct files. */
  nfcNfd: [string, string]
  /** Names differing only in case: two distinct files. */
  caseTwins: [string, string]
  /** Names of exactly 255 bytes (ASCII, and 2-byte UTF-8 characters). */
  longNames: string[]
  /** The deepest file, `depth` directories down. */
  deepFile: string
  /** The injection names, as keys (all under `names/`). */
  injection: string[]
  /** Closes the socket's listener (the socket file stays). */
  close(): Promise<void>
}

/** Options for makeHostileTree. */
export interface HostileOptions {
  /** Directory nesting depth of `deep/…` (default 200). */
  depth?: number
  /** Create the FIFO and the socket (default true). */
  specials?: boolean
}

/** Keys of a raw (non-UTF-8) relative path, like src/engine/paths.ts keyFromBytes. */
function rawKey(raw: Buffer): string {
  return '\u0000' + raw.toString('base64')
}

/** Fills `root` (an existing, empty directory) with the hostile entries and returns where they are. */
export async function makeHostileTree(root: string, opts: HostileOptions = {}): Promise<HostileTree> {
  const depth = opts.depth ?? 200
  const file = (rel: string, content: string | Buffer = rel) => {
    const p = path.join(root, rel)
    fs.mkdirSync(path.dirname(p), { recursive: true })
    fs.writeFileSync(p, content)
  }
  file('ok/plain.txt', 'plain\n')

  let server: net.Server | undefined
  if (opts.specials !== false) {
    fs.mkdirSync(path.join(root, 'special'))
    // execFile, no shell; the path is ours.
    execFileSync('mkfifo', [path.join(root, 'special', 'pipe')])
    const listener = net.createServer()
    server = listener
    await new Promise<void>((resolve) => listener.listen(path.join(root, 'special', 'sock'), resolve))
  }

  fs.mkdirSync(path.join(root, 'links'))
  fs.symlinkSync('loop-b', path.join(root, 'links', 'loop-a'))
  fs.symlinkSync('loop-a', path.join(root, 'links', 'loop-b'))
  fs.symlinkSync('self', path.join(root, 'links', 'self'))
  fs.symlinkSync('../../../../etc/passwd', path.join(root, 'links', 'escape-relative'))
  fs.symlinkSync('/etc/shadow', path.join(root, 'links', 'escape-absolute'))
  fs.symlinkSync('../..', path.join(root, 'links', 'parent'))
  fs.symlinkSync('nowhere/at/all', path.join(root, 'links', 'dangling'))

  file('hard/a.txt', 'shared inode\n')
  fs.linkSync(path.join(root, 'hard', 'a.txt'), path.join(root, 'hard', 'b.txt'))

  const badFile = Buffer.concat([Buffer.from('raw/bad-'), Buffer.from([0xff, 0xfe]), Buffer.from('.txt')])
  const badDir = Buffer.concat([Buffer.from('raw/'), Buffer.from([0xc3, 0x28]), Buffer.from('-dir')])
  const badInner = Buffer.concat([badDir, Buffer.from('/inner.txt')])
  fs.mkdirSync(path.join(root, 'raw'))
  fs.writeFileSync(Buffer.concat([Buffer.from(root + '/'), badFile]), 'not utf-8\n')
  fs.mkdirSync(Buffer.concat([Buffer.from(root + '/'), badDir]))
  fs.writeFileSync(Buffer.concat([Buffer.from(root + '/'), badInner]), 'inner\n')

  const nfc = 'twins/caf\u00e9.txt'
  const nfd = 'twins/cafe\u0301.txt'
  file(nfc, 'nfc\n')
  file(nfd, 'nfd\n')
  file('twins/README', 'upper\n')
  file('twins/readme', 'lower\n')

  const long1 = `long/${'n'.repeat(251)}.txt`
  const long2 = `long/${'\u00e9'.repeat(127)}x`
  file(long1, 'long ascii\n')
  file(long2, 'long utf-8\n')

  const deepFile = `${Array.from({ length: depth }, () => 'd').join('/')}/leaf.txt`
  file(`deep/${deepFile}`, 'deep\n')

  fs.mkdirSync(path.join(root, 'names'))
  for (const name of INJECTION_NAMES) fs.writeFileSync(path.join(root, 'names', name), name)

  return {
    root,
    fifo: 'special/pipe',
    socket: 'special/sock',
    loop: ['links/loop-a', 'links/loop-b'],
    selfLoop: 'links/self',
    escaping: ['links/escape-absolute', 'links/escape-relative', 'links/parent'],
    dangling: 'links/dangling',
    hardLinks: ['hard/a.txt', 'hard/b.txt'],
    nonUtf8: [rawKey(badFile), rawKey(badDir), rawKey(badInner)],
    nfcNfd: [nfc, nfd],
    caseTwins: ['twins/README', 'twins/readme'],
    longNames: [long1, long2],
    deepFile: `deep/${deepFile}`,
    injection: INJECTION_NAMES.map((n) => `names/${n}`),
    close: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  }
}

/**
 * Creates `count` small files quickly (synchronous writes, `perDir` per directory), for scale tests.
 * File i holds the text `i` (distinct content, so a rewrite is always a `modified`).
 */
export function makeWideTree(root: string, count: number, perDir = 1000): string[] {
  const rels: string[] = []
  for (let i = 0; i < count; i++) {
    const dir = `d${Math.floor(i / perDir)}`
    if (i % perDir === 0) fs.mkdirSync(path.join(root, dir), { recursive: true })
    const rel = `${dir}/f${i}.txt`
    fs.writeFileSync(path.join(root, rel), String(i))
    rels.push(rel)
  }
  return rels
}

/**
 * Files that must never be read as a manifest, made in `dir`: a FIFO (reading it would wait for a writer),
 * a symlink to /dev/zero (endless) and a sparse file one byte over the 256 MiB manifest cap.
 */
export function unreadableManifests(dir: string): { fifo: string; zero: string; huge: string } {
  const fifo = path.join(dir, 'fifo.json.gz')
  if (spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo failed')
  const zero = path.join(dir, 'zero.json.gz')
  fs.symlinkSync('/dev/zero', zero)
  const huge = path.join(dir, 'huge.json.gz')
  fs.writeFileSync(huge, '')
  fs.truncateSync(huge, 256 * 1024 * 1024 + 1)
  return { fifo, zero, huge }
}
