// The in-memory reader of cache archives, on archives made by the real tar (zstd and gzip).
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { gzipSync } from 'node:zlib'
import { baselineFromArchive, decompressArchive, readTar } from '../../src/stores/cache-archive.js'
import { makeArchive } from '../../test-support/cache-plant.js'

const isBaseline = (name: string) => path.posix.basename(name) === 'gate.json.gz'

describe('cache archives', () => {
  it('reads the one baseline file of a zstd archive made like the client makes it', async () => {
    const archive = await makeArchive({ '../runner-temp/integrity-gate/gate.json.gz': 'manifest bytes' })
    expect(baselineFromArchive(archive, isBaseline).toString()).toBe('manifest bytes')
  })

  it('reads gzip archives and long (GNU) names', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-tar-'))
    try {
      const deep = path.join(dir, 'd'.repeat(90), 'e'.repeat(90))
      fs.mkdirSync(deep, { recursive: true })
      fs.writeFileSync(path.join(deep, 'gate.json.gz'), 'long name')
      const rel = path.relative(dir, path.join(deep, 'gate.json.gz'))
      const tar = execFileSync('tar', ['--format=gnu', '-cf', '-', '-C', dir, rel])
      expect(readTar(tar)[0].name).toBe(rel)
      expect(baselineFromArchive(gzipSync(tar), isBaseline).toString()).toBe('long name')
      const pax = execFileSync('tar', ['--format=pax', '-cf', '-', '-C', dir, rel])
      expect(baselineFromArchive(gzipSync(pax), isBaseline).toString()).toBe('long name')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses extra members, other names, and corrupt or foreign data', async () => {
    const two = await makeArchive({ 'gate.json.gz': 'a', '/tmp/evil': 'b' })
    expect(() => baselineFromArchive(two, isBaseline)).toThrow(/2 archive members/)
    const other = await makeArchive({ 'x.txt': 'a' })
    expect(() => baselineFromArchive(other, isBaseline)).toThrow(/instead of the baseline file/)
    expect(() => decompressArchive(Buffer.from('plain text'))).toThrow(/neither zstd nor gzip/)
    const good = await makeArchive({ 'gate.json.gz': 'a' })
    expect(() => baselineFromArchive(good.subarray(0, good.length - 20), isBaseline)).toThrow(/decompressed/)
    const tar = decompressArchive(good)
    const corrupt = Buffer.from(tar)
    corrupt[10] ^= 0xff
    expect(() => readTar(corrupt)).toThrow(/corrupt header/)
    expect(() => readTar(tar.subarray(0, 600))).toThrow(/truncated/)
  })

  it('refuses an archive that decompresses beyond the limit', () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024))
    expect(() => decompressArchive(bomb, 1024 * 1024)).toThrow(/cannot be decompressed/)
  })
})
