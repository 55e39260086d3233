import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import { VERSION } from '../src/version.js'

describe('version', () => {
  it('matches package.json, so manifests name the release that wrote them', () => {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    expect(VERSION).toBe(pkg.version)
  })
})
