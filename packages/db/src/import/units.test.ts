import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import type { SqlExecutor } from '../sql.ts';
import type { UnitVersionRow } from '../seed/admin-history.ts';
import { insertUnitVersions } from '../seed/seed.ts';
import { createTestDatabase, databaseKindsUnderTest } from '../testing.ts';
import { importUnits, uuidV7Generator, type UnitImportOptions } from './units.ts';
import { writeXlsx } from './xlsx.ts';

const TODAY = '2026-11-23';

function unit(code: string, kind: string, fullName: string, parentCode: string | null, extra: Partial<UnitVersionRow> = {}): UnitVersionRow {
  const province = parentCode === null ? code : code === '09001' ? '09' : '31';
  return {
    code,
    kind,
    name: fullName.replace(/^(Phường|Xã|Thành phố|Tỉnh) /, ''),
    fullName,
    nameEn: null,
    searchName: fullName.toLowerCase(),
    parentCode,
    path: parentCode === null ? code : `${parentCode}/${code}`,
    provinceCode: province,
    attributes: {},
    validFrom: '2025-07-01',
    validTo: null,
    legalAct: null,
    ...extra,
  };
}

/** A small province 31 with two communes (one with a leading zero) and a village, a province 09, a commune gone in 2025. */
const fixture: UnitVersionRow[] = [
  unit('31', 'province', 'Thành phố Hải Phòng', null),
  unit('10507', 'ward', 'Phường Thành Đông', '31'),
  unit('00123', 'commune', 'Xã Thử Nghiệm', '31'),
  unit('09', 'province', 'Tỉnh Thử', null),
  unit('09001', 'commune', 'Xã Bên Kia', '09'),
  unit('10999', 'commune', 'Xã Đã Sáp Nhập', '31', { validFrom: '2012-01-01', validTo: '2025-06-30' }),
  unit('31-FX-T1', 'residentialArea', 'Thôn Cố Định, Phường Thành Đông', '10507', { name: 'Thôn Cố Định', path: '31/10507/31-FX-T1' }),
];

describe.each(databaseKindsUnderTest())('importUnits on %s', (kind) => {
  let db: Database;
  const options = (extra: Partial<UnitImportOptions> = {}): UnitImportOptions => ({ provinceCode: '31', today: TODAY, ...extra });
  const csv = (text: string) => ({ format: 'csv' as const, text });
  const count = async () => (await db.query<{ n: number }>('SELECT count(*) AS n FROM "UnitVersion"'))[0]!.n;
  const versions = (code: string) =>
    db.query<{ name: string; fullName: string; searchName: string; path: string; provinceCode: string; parentCode: string; attributes: Record<string, unknown>; validFrom: Date; validTo: Date | null; kind: string }>(
      'SELECT * FROM "UnitVersion" WHERE code = $1 ORDER BY "validFrom"',
      [code],
    );

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await db.transaction((tx) => insertUnitVersions(tx, fixture, { units: 0, unitVersions: 0 }));
  });
  afterAll(() => db?.close());

  it('refuses a file over the import limit before reading it, and writes nothing', async () => {
    const before = await count();
    const line = '31-BIG-0000001,residentialArea,Thôn Rất Dài,10507\n';
    const text = `code,kind,name,parent_code\n${line.repeat(Math.ceil((5.5 * 1024 * 1024) / Buffer.byteLength(line)))}`;
    const result = await importUnits(db, csv(text), options());
    expect(result.status).toBe('rejected');
    expect(result.problems).toEqual([{ line: 0, code: 'fileTooLarge', message: 'Tệp 5.5 MB lớn hơn giới hạn 5 MB của một lần nhập: hãy chia tệp theo xã' }]);
    const workbook = { format: 'xlsx' as const, data: new Uint8Array(5 * 1024 * 1024 + 1) };
    expect((await importUnits(db, workbook, options())).problems.map((problem) => problem.code)).toEqual(['fileTooLarge']);
    expect(await count()).toBe(before);
  });

  it('imports a CSV with Vietnamese headers, NFC names, folded search names and typed attribute columns', async () => {
    // "Thôn Đông" typed with combining marks (NFD) must be stored composed (NFC).
    const decomposed = 'Thôn Đông'.normalize('NFD');
    const result = await importUnits(
      db,
      csv(
        [
          'Mã,Loại,Tên,Mã cấp trên,Loại hình,border,population,Hiệu lực từ',
          `31-TD-T1,residentialArea,${decomposed},10507,Tổ dân phố,có,1200,`,
          '31-TD-CQ1,Cơ quan,"Trạm Y tế phường ""Thành Đông""",10507,,,,01/07/2025',
          '31-TN-GD1,school,Trường THCS Thử Nghiệm,123,,false,,2026-01-01',
        ].join('\r\n'),
      ),
      options(),
    );
    expect(result).toEqual({ status: 'imported', rows: 3, inserted: 3, updated: 0, unchanged: 0, skipped: 0, problems: [], warnings: [] });
    const [village] = await versions('31-TD-T1');
    expect(village).toMatchObject({
      kind: 'residentialArea',
      name: 'Thôn Đông'.normalize('NFC'),
      fullName: 'Thôn Đông, Phường Thành Đông',
      searchName: 'thon dong, phuong thanh dong',
      path: '31/10507/31-TD-T1',
      provinceCode: '31',
      parentCode: '10507',
      attributes: { localType: 'to_dan_pho', border: true, population: 1200 },
      validTo: null,
    });
    expect(village!.name).toBe(village!.name.normalize('NFC'));
    expect(village!.validFrom.toISOString().slice(0, 10)).toBe(TODAY);
    const [agency] = await versions('31-TD-CQ1');
    expect(agency).toMatchObject({ kind: 'agency', name: 'Trạm Y tế phường "Thành Đông"', attributes: {} });
    expect(agency!.validFrom.toISOString().slice(0, 10)).toBe('2025-07-01');
    // A parent code that lost its leading zeros in a spreadsheet still finds commune 00123.
    expect(await versions('31-TN-GD1')).toMatchObject([{ parentCode: '00123', path: '31/00123/31-TN-GD1', attributes: { border: false } }]);
  });

  it('imports the first sheet of an XLSX workbook, with dates, numbers and booleans as Excel types', async () => {
    const bytes = await writeXlsx([
      [null],
      ['code', 'kind', 'name', 'parent_code', 'local_type', 'attributes', 'valid_from', 'urban'],
      ['31-X-T1', 'residentialArea', 'Thôn Xuân', 10507, 'thon', '{"households": 85}', new Date('2025-09-01T00:00:00Z'), false],
      [null, null, null],
      ['31-X-DN1', 'enterprise', 'Công ty TNHH Xuân', '10507', null, null, null, null],
    ]);
    const result = await importUnits(db, { format: 'xlsx', data: bytes }, options());
    expect(result).toMatchObject({ status: 'imported', rows: 2, inserted: 2 });
    const [village] = await versions('31-X-T1');
    expect(village).toMatchObject({ parentCode: '10507', attributes: { localType: 'thon', households: 85, urban: false } });
    expect(village!.validFrom.toISOString().slice(0, 10)).toBe('2025-09-01');
  });

  it('rejects a file under "stop" with every problem on its line and column, and writes nothing', async () => {
    const before = await count();
    const text = [
      'code,kind,name,parent_code,attributes,local_type,valid_from', // 1
      '31-P-OK,residentialArea,"Thôn có dấu phẩy, và xuống', // 2 (the quoted name spans lines 2–3)
      'dòng",10507,,,', // 3
      '31-P-1,residentialArea,Thôn Một,99999,,,', // 4 unknown parent
      '31-P-2,residentialArea,Thôn Hai,09001,,,', // 5 parent in another province
      '31-P-3,village,Thôn Ba,10507,,,', // 6 unknown kind
      '31-P-4,school,Trường Bốn,31-FX-T1,,,', // 7 a school under a residential area
      '31-P-OK,residentialArea,Thôn Trùng,10507,,,', // 8 duplicate of line 2
      '31-P-5,agency,   ,10507,,,', // 9 empty name
      '31-P-6,agency,Cơ quan Sáu,10507,"{""a"": 1",,', // 10 malformed JSON
      '31-P-7,residentialArea,Thôn Bảy,10999,,,', // 11 parent no longer exists
      '31-P-8,commune,Xã Tám,31,,,', // 12 not an importable kind
      '31-P-9,residentialArea,Thôn Chín,10507,,làng quê,', // 13 unknown local type
      '31-P-10,residentialArea,Thôn Mười,10507,,,31/02/2026', // 14 invalid date
      '31-FX-T1,residentialArea,Thôn Cố Định,10507,,,', // 15 exists already
      '10507,agency,Phường?,31,,,', // 16 the code of a ward
      '31/P/11,agency,Gạch chéo,10507,,,', // 17 a "/" in the code
      '09001,agency,Cơ quan Mượn Mã,10507,,,', // 18 the code of another province's commune
    ].join('\n');
    const result = await importUnits(db, csv(text), options());
    expect(result.status).toBe('rejected');
    expect(result).toMatchObject({ inserted: 0, updated: 0, skipped: 0, rows: 16 });
    const found = result.problems.map((p) => [p.line, p.column, p.code]);
    expect(found).toEqual([
      [4, 'parent_code', 'unknownParent'],
      [5, 'parent_code', 'parentInOtherProvince'],
      [6, 'kind', 'unknownKind'],
      [7, 'parent_code', 'parentKindMismatch'],
      [8, 'code', 'duplicateCode'],
      [9, 'name', 'emptyName'],
      [10, 'attributes', 'invalidAttributes'],
      [11, 'parent_code', 'parentNotValid'],
      [12, 'kind', 'kindNotImportable'],
      [13, 'local_type', 'invalidLocalType'],
      [14, 'valid_from', 'invalidDate'],
      [15, 'code', 'codeExists'],
      [16, 'code', 'notImportable'],
      [17, 'code', 'invalidCode'],
      [18, 'code', 'notImportable'],
    ]);
    expect(result.problems.find((p) => p.line === 8)?.message).toMatch(/already on line 2/);
    // Another province's unit is named by nothing but the code the file gave.
    const foreign = result.problems.find((p) => p.line === 5)!.message;
    expect(foreign).toBe('đơn vị cha "09001" không thuộc tỉnh 31');
    expect(result.problems.find((p) => p.line === 18)!.message).toBe('mã "09001" đã được dùng cho một đơn vị không thuộc tỉnh 31: chọn mã khác');
    expect(await count()).toBe(before);
    expect(await versions('31-P-OK')).toEqual([]);
  });

  it('under "skip" writes the good rows and reports the skipped ones', async () => {
    const before = await count();
    const result = await importUnits(
      db,
      csv(['code,kind,name,parent_code', '31-S-1,residentialArea,Thôn Sáu Một,10507', '31-FX-T1,residentialArea,Thôn Cố Định,10507', '31-S-2,residentialArea,,10507', '31-S-3,agency,Cơ quan,99999'].join('\n')),
      options({ onConflict: 'skip' }),
    );
    expect(result).toMatchObject({ status: 'imported', rows: 4, inserted: 1, skipped: 3 });
    expect(result.problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'codeExists'],
      [4, 'emptyName'],
      [5, 'unknownParent'],
    ]);
    expect(await count()).toBe(before + 1);
  });

  it('under "update" closes the old version the day before and opens a new one; identical rows change nothing', async () => {
    const file = (name: string, parent: string, validFrom: string, extra = '') =>
      csv(['code,kind,name,parent_code,valid_from,attributes', `31-U-1,residentialArea,${name},${parent},${validFrom},${extra}`, '31-U-2,agency,Cơ quan U2,10507,2025-07-01,'].join('\n'));
    expect(await importUnits(db, file('Thôn Cũ', '10507', '2025-07-01', '"{""localType"": ""thon""}"'), options())).toMatchObject({ inserted: 2 });

    const renamed = await importUnits(db, file('Thôn Mới', '00123', '2026-03-01'), options({ onConflict: 'update' }));
    expect(renamed).toMatchObject({ status: 'imported', inserted: 0, updated: 1, unchanged: 1, problems: [] });
    const history = await versions('31-U-1');
    expect(history.map((v) => [v.name, v.parentCode, v.validFrom.toISOString().slice(0, 10), v.validTo?.toISOString().slice(0, 10) ?? null])).toEqual([
      ['Thôn Cũ', '10507', '2025-07-01', '2026-02-28'],
      ['Thôn Mới', '00123', '2026-03-01', null],
    ]);
    // Attributes not given are kept; the new version is searchable under its new name.
    expect(history[1]).toMatchObject({ attributes: { localType: 'thon' }, searchName: 'thon moi, xa thu nghiem', path: '31/00123/31-U-1' });

    // A correction on the same day replaces that day's version instead of adding one.
    expect(await importUnits(db, file('Thôn Mới Sửa', '00123', '2026-03-01'), options({ onConflict: 'update' }))).toMatchObject({ updated: 1 });
    expect((await versions('31-U-1')).map((v) => v.name)).toEqual(['Thôn Cũ', 'Thôn Mới Sửa']);

    // A change dated before the current version, or a change of kind, is refused.
    const before = await count();
    const early = await importUnits(db, file('Thôn Sớm', '00123', '2026-01-01'), options({ onConflict: 'update' }));
    expect(early.status).toBe('rejected');
    expect(early.problems.map((p) => [p.line, p.column, p.code])).toEqual([[2, 'valid_from', 'versionConflict']]);
    const kindChange = await importUnits(db, csv('code,kind,name,parent_code\n31-U-2,school,Trường U2,10507'), options({ onConflict: 'update' }));
    expect(kindChange.problems.map((p) => p.code)).toEqual(['kindChanged']);
    expect(await count()).toBe(before);
  });

  it('rejects a file without the required columns, an unreadable workbook and an unknown province', async () => {
    const missing = await importUnits(db, csv('code,name\n31-M-1,Thôn'), options());
    expect(missing.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [1, 'kind', 'missingColumn'],
      [1, 'parent_code', 'missingColumn'],
    ]);
    const broken = await importUnits(db, { format: 'xlsx', data: new TextEncoder().encode('not a zip') }, options());
    expect(broken).toMatchObject({ status: 'rejected', problems: [{ line: 1, code: 'unreadableFile' }] });
    const unquoted = await importUnits(db, csv('code,kind,name,parent_code\n31-Q,agency,"open,10507'), options());
    expect(unquoted).toMatchObject({ status: 'rejected', problems: [{ line: 2, code: 'unreadableFile' }] });
    const province = await importUnits(db, csv('code,kind,name,parent_code\n31-Z,agency,Z,10507'), options({ provinceCode: '77' }));
    expect(province).toMatchObject({ status: 'rejected', problems: [{ line: 0, code: 'unknownProvince' }] });
  });

  it('refuses a file that is not valid in its encoding, line by line, and writes nothing', async () => {
    const before = await count();
    // Line 3 was typed in Windows-1258 ("Thôn" with ô as 0xF4) into a UTF-8 file.
    const bytes = Buffer.concat([
      Buffer.from('code,kind,name,parent_code\n31-ENC-1,residentialArea,Thôn Một,10507\n31-ENC-2,residentialArea,Th'),
      Buffer.from([0xf4]),
      Buffer.from('n Hai,10507\n'),
    ]);
    const asBytes = await importUnits(db, { format: 'csv', data: bytes, encoding: 'utf-8' }, options());
    expect(asBytes).toMatchObject({ status: 'rejected', inserted: 0, problems: [{ line: 3, code: 'invalidEncoding' }] });
    expect(asBytes.problems).toHaveLength(1);
    // The same file sent as text arrives with U+FFFD where the byte was: refused the same way.
    const asText = await importUnits(db, csv(new TextDecoder().decode(bytes)), options());
    expect(asText).toMatchObject({ status: 'rejected', problems: [{ line: 3, code: 'invalidEncoding' }] });
    expect(await count()).toBe(before);
  });

  it('reads a file in its declared encoding (Windows-1258, UTF-16) and stores the names in NFC', async () => {
    // "Thôn Ba" in Windows-1258 is plain bytes apart from ô = 0xF4; "Tổ" is T, ô (0xF4), combining hook above (0xD2).
    const windows1258 = Buffer.concat([Buffer.from('code,kind,name,parent_code\n31-ENC-3,residentialArea,Th'), Buffer.from([0xf4]), Buffer.from('n Ba,10507\n31-ENC-4,residentialArea,T'), Buffer.from([0xf4, 0xd2]), Buffer.from(' 4,10507\n')]);
    expect(await importUnits(db, { format: 'csv', data: windows1258, encoding: 'windows-1258' }, options())).toMatchObject({ status: 'imported', inserted: 2, warnings: [] });
    expect((await versions('31-ENC-3'))[0]!.name).toBe('Thôn Ba');
    expect((await versions('31-ENC-4'))[0]!.name).toBe('Tổ 4');
    const utf16 = Buffer.from('\uFEFFcode,kind,name,parent_code\n31-ENC-5,residentialArea,Thôn Năm,10507\n', 'utf16le');
    expect(await importUnits(db, { format: 'csv', data: utf16, encoding: 'utf-16le' }, options())).toMatchObject({ status: 'imported', inserted: 1 });
    expect((await versions('31-ENC-5'))[0]!.name).toBe('Thôn Năm');
  });

  it('warns, by line and column, about text that looks like UTF-8 read as Windows-1252', async () => {
    const text = ['code,kind,name,parent_code,ghi_chu', '31-MOJ-1,residentialArea,Thôn Sáu,10507,', '31-MOJ-2,residentialArea,ThÃ´n Báº£y,10507,Ä‘Ã£ kiá»ƒm tra'].join('\n');
    const result = await importUnits(db, csv(text), options());
    expect(result).toMatchObject({ status: 'imported', inserted: 2, problems: [] });
    expect(result.warnings).toEqual([
      { line: 3, column: 'name', code: 'likelyMojibake', message: 'có vẻ lỗi bảng mã (chữ UTF-8 bị đọc thành Windows-1252): “ThÃ´n Báº£y” → “Thôn Bảy”; hãy kiểm tra lại tệp' },
      { line: 3, column: 'ghi_chu', code: 'likelyMojibake', message: 'có vẻ lỗi bảng mã (chữ UTF-8 bị đọc thành Windows-1252): “Ä‘Ã£ kiá»ƒm” → “đã kiểm”; hãy kiểm tra lại tệp' },
    ]);
  });

  it('checks and writes a few thousand rows with one query and two COPYs, never row by row', async () => {
    const lines = ['code,kind,name,parent_code,local_type'];
    for (let i = 0; i < 3000; i++) lines.push(`31-B-${i},residentialArea,Thôn ${i},${i % 2 ? '10507' : '00123'},thon`);
    const before = await count();
    const calls = { query: 0, copyRows: 0 };
    const counting = (executor: SqlExecutor): SqlExecutor => ({
      kind: executor.kind,
      query: (sql, params) => {
        calls.query++;
        return executor.query(sql, params);
      },
      exec: (sql) => executor.exec(sql),
      copyRows: (table, columns, rows) => {
        calls.copyRows++;
        return executor.copyRows(table, columns, rows);
      },
      transaction: (fn) => executor.transaction((tx) => fn(counting(tx))),
    });
    const result = await importUnits(counting(db), csv(lines.join('\n')), options());
    expect(result).toMatchObject({ status: 'imported', inserted: 3000 });
    expect(calls).toEqual({ query: 1, copyRows: 2 });
    expect(await count()).toBe(before + 3000);
    const [first] = await versions('31-B-0');
    expect(first).toMatchObject({ parentCode: '00123', path: '31/00123/31-B-0', searchName: 'thon 0, xa thu nghiem' });
  });
});

describe('uuidV7Generator', () => {
  it('makes valid version-7 UUIDs that sort in the order they were made, even within one millisecond', () => {
    const next = uuidV7Generator(() => 1_700_000_000_000);
    const ids = Array.from({ length: 5000 }, next);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
