import { describe, expect, it } from 'vitest';
import { MAPPING_CSV_COLUMNS } from '../../../../src-shared/contract';
import { toCsv } from '../activity/download';
import { parseMappingCsv } from './mapping-csv';

const exported = [
  {
    account_id: 'acc-1',
    target: 'job_posting',
    target_id: 'post-1',
    target_title: 'Backend engineer, "Berlin"',
    package_id: 'pkg-code',
    package_name: 'Coding test',
  },
  {
    account_id: 'acc-1',
    target: 'ats_test_id',
    target_id: '-17',
    target_title: '=HYPERLINK("x")',
    package_id: '@pkg',
    package_name: 'At package',
  },
];

describe('parseMappingCsv', () => {
  it('reads back what the export writes, formula escapes included', () => {
    const parsed = parseMappingCsv(toCsv(exported, MAPPING_CSV_COLUMNS));
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.ignoredColumns).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, ...exported[0] },
      { line: 3, ...exported[1] },
    ]);
  });

  it('takes columns in any order and case, keeps lines, and names unknown columns', () => {
    const parsed = parseMappingCsv(
      '\uFEFFPackage_ID,Target_Id,TARGET,account_id,note\r\npkg-a,post-1,job_posting,acc-1,"two\nlines"\r\n\r\n,post-2,job_posting,acc-1,\r\n',
    );
    expect(parsed.ignoredColumns).toEqual(['note']);
    expect(parsed.rows.map((r) => [r.line, r.target_id, r.package_id])).toEqual([
      [2, 'post-1', 'pkg-a'],
      [5, 'post-2', ''],
    ]);
  });

  it('says which needed columns are missing, and that an empty file is empty', () => {
    expect(parseMappingCsv('account_id,target\nacc,job').fileErrors[0]).toMatch(
      /no “target_id”, “package_id” column/,
    );
    expect(parseMappingCsv('').fileErrors).toEqual(['The file is empty.']);
    expect(parseMappingCsv(MAPPING_CSV_COLUMNS.join(',')).fileErrors).toEqual([
      'The file has a header row but no mappings.',
    ]);
  });
});
