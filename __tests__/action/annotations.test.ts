import { describe, expect, it } from '@jest/globals'
import { annotationsFor } from '../../src/action/annotations.js'
import { change, reportOf } from '../engine/render-fixtures.js'

describe('annotationsFor', () => {
  const fileOf = (root: string) =>
    annotationsFor(
      { ...reportOf([change('a.js', ['modified'], 'unexpected')]), root },
      '/w/repo',
      8,
      'unexpected',
    )[0].file

  it('points at the file from the repository root, also below a folder named like `..data`', () => {
    expect(fileOf('/w/repo/sub')).toBe('sub/a.js')
    expect(fileOf('/w/repo/..data')).toBe('..data/a.js')
  })

  it('names no file for a root outside the workspace', () => {
    expect(fileOf('/elsewhere')).toBeUndefined()
    expect(fileOf('/w')).toBeUndefined()
  })
})
