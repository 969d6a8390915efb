import { writeXlsx } from '@antt/db';
import { describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, useTestApi } from './harness.ts';

const IMPORT = `mutation($input: ImportUnitsInput!) {
  importUnits(input: $input) {
    __typename
    ... on ImportSummary { provinceCode rows inserted updated unchanged skipped problems { line column code message } }
    ... on ImportError { code message problems { line column message } }
    ... on ValidationError { code message issues { path message } }
  }
}`;

describe.each(databaseKindsUnderTest())('importUnits on %s', (kind) => {
  const t = useTestApi(kind);

  const unitRows = async () => (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM "UnitVersion"'))[0]!.n;
  const importUnits = async (input: Record<string, unknown>) => {
    const { data, errors } = await t.gql(IMPORT, { input: { provinceCode: '31', onConflict: 'STOP', ...input } });
    expect(errors).toBeUndefined();
    return data!.importUnits;
  };
  const search = async (text: string) => {
    const { data } = await t.gql(`query($search: String) { units(filter: { provinceCode: "31", search: $search }) { totalCount edges { node { code name fullName kind parentCode attributes } } } }`, {
      search: text,
    });
    return data!.units;
  };

  it('imports a CSV with Vietnamese headers; the names are found without diacritics', async () => {
    const before = await unitRows();
    const csv = [
      'Mã,Loại,Tên,Mã cấp trên,Loại hình,Hộ gia đình',
      '31-IMP-T1,residentialArea,Thôn Đồng Tâm,10507,thôn,120',
      '31-IMP-T2,residentialArea,Tổ dân phố Hòa Bình,10525,tổ dân phố,95',
      '31-IMP-CQ1,agency,Ủy ban nhân dân phường Thành Đông,10507,,',
    ].join('\n');
    const result = await importUnits({ format: 'CSV', content: csv });
    expect(result).toEqual({ __typename: 'ImportSummary', provinceCode: '31', rows: 3, inserted: 3, updated: 0, unchanged: 0, skipped: 0, problems: [] });
    expect(await unitRows()).toBe(before + 3);

    const found = await search('thon dong tam');
    expect(found.edges.map((e: any) => e.node)).toEqual([
      {
        code: '31-IMP-T1',
        name: 'Thôn Đồng Tâm',
        fullName: 'Thôn Đồng Tâm, Phường Thành Đông',
        kind: 'residentialArea',
        parentCode: '10507',
        attributes: { localType: 'thon', 'Hộ gia đình': 120 },
      },
    ]);
    expect((await search('uy ban nhan dan phuong thanh dong')).edges.map((e: any) => e.node.code)).toEqual(['31-IMP-CQ1']);
    // The new units hang in the tree: the ward lists them among its children.
    const { data } = await t.gql(`{ unit(code: "10525") { ... on Unit { children(filter: { kinds: ["residentialArea"], search: "hoa binh" }) { edges { node { code parent { code } } } } } } }`);
    expect(data!.unit.children.edges).toEqual([{ node: { code: '31-IMP-T2', parent: { code: '10525' } } }]);
  });

  it('imports an XLSX workbook sent as base64', async () => {
    const workbook = await writeXlsx([
      ['code', 'kind', 'name', 'parent_code', 'local_type', 'valid_from', 'border'],
      ['31-IMP-X1', 'residentialArea', 'Thôn Xuân Đài', '10507', 'thon', new Date('2026-01-01T00:00:00Z'), true],
      ['31-IMP-X2', 'school', 'Trường THCS Xuân Đài', 10525, null, null, null],
    ]);
    const result = await importUnits({ format: 'XLSX', content: Buffer.from(workbook).toString('base64') });
    expect(result).toMatchObject({ __typename: 'ImportSummary', rows: 2, inserted: 2 });
    const { data } = await t.gql(`{ unit(code: "31-IMP-X1") { ... on Unit { name validFrom attributes parent { code } } } }`);
    expect(data!.unit).toEqual({ name: 'Thôn Xuân Đài', validFrom: '2026-01-01', attributes: { localType: 'thon', border: true }, parent: { code: '10507' } });
    expect((await search('truong thcs xuan dai')).edges.map((e: any) => e.node.parentCode)).toEqual(['10525']);
  });

  it('rejects a file with a broken row: an ImportError with its line, and nothing written', async () => {
    const before = await unitRows();
    const csv = [
      'code,kind,name,parent_code',
      '31-IMP-B1,residentialArea,Thôn Bình An,10507',
      '31-IMP-B2,residentialArea,"Thôn có tên',
      'trên hai dòng",10507',
      '31-IMP-B3,residentialArea,Thôn Lạc,99999',
      '31-IMP-B4,school,Trường Lạc,10507-KDC01',
    ].join('\n');
    const result = await importUnits({ format: 'CSV', content: csv });
    expect(result.__typename).toBe('ImportError');
    expect(result.code).toBe('IMPORT_REJECTED');
    expect(result.message).toMatch(/2 problems in 4 rows: nothing was imported/);
    expect(result.problems).toEqual([
      { line: 5, column: 'parent_code', message: 'no unit "99999" in the database or in this file' },
      { line: 6, column: 'parent_code', message: expect.stringMatching(/a school cannot sit under a residentialArea/) },
    ]);
    expect(await unitRows()).toBe(before);
    expect((await search('binh an')).totalCount).toBe(0);
  });

  it('under SKIP writes the good rows and lists the skipped ones', async () => {
    const before = await unitRows();
    // 10507-KDC01 is a residential area of the seeded demo province.
    const csv = ['code,kind,name,parent_code', '10507-KDC01,residentialArea,Tổ dân phố số 1,10507', '31-IMP-S1,enterprise,Công ty TNHH Sao Mai,10507', '31-IMP-S1,enterprise,Công ty trùng mã,10507'].join('\n');
    const result = await importUnits({ format: 'CSV', content: csv, onConflict: 'SKIP' });
    expect(result).toMatchObject({ __typename: 'ImportSummary', rows: 3, inserted: 1, skipped: 2 });
    expect(result.problems.map((p: any) => [p.line, p.column, p.code])).toEqual([
      [2, 'code', 'codeExists'],
      [4, 'code', 'duplicateCode'],
    ]);
    expect(await unitRows()).toBe(before + 1);
  });

  it('under UPDATE gives a renamed unit a new version and keeps its history', async () => {
    const first = ['code,kind,name,parent_code,local_type,valid_from', '31-IMP-U1,residentialArea,Thôn An Phú,10507,thon,2026-01-01', '31-IMP-U2,agency,Công an phường Thành Đông,10507,,2026-01-01'];
    expect(await importUnits({ format: 'CSV', content: first.join('\n') })).toMatchObject({ inserted: 2 });
    const csv = ['code,kind,name,parent_code,valid_from', '31-IMP-U1,residentialArea,Thôn An Phú Mới,10507,2026-12-01', '31-IMP-U2,agency,Công an phường Thành Đông,10507,'].join('\n');
    const result = await importUnits({ format: 'CSV', content: csv, onConflict: 'UPDATE' });
    expect(result).toMatchObject({ __typename: 'ImportSummary', inserted: 0, updated: 1, unchanged: 1, skipped: 0 });
    const { data } = await t.gql(`{ unit(code: "31-IMP-U1", asOf: "2026-12-01") { ... on Unit { name history { name validFrom validTo attributes } } } }`);
    expect(data!.unit.name).toBe('Thôn An Phú Mới');
    expect(data!.unit.history).toEqual([
      { name: 'Thôn An Phú', validFrom: '2026-01-01', validTo: '2026-11-30', attributes: { localType: 'thon' } },
      { name: 'Thôn An Phú Mới', validFrom: '2026-12-01', validTo: null, attributes: { localType: 'thon' } },
    ]);
    expect((await search('thon an phu moi')).totalCount).toBe(0); // today (23 Nov 2026) it still has its old name
    expect((await search('thon an phu')).edges.map((e: any) => e.node.name)).toEqual(['Thôn An Phú']);
  });

  it('answers a bad request with a ValidationError', async () => {
    expect(await importUnits({ provinceCode: '77', format: 'CSV', content: 'code,kind,name,parent_code\n' })).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: 'input.provinceCode' }],
    });
    expect(await importUnits({ format: 'XLSX', content: 'not base64!' })).toMatchObject({ __typename: 'ValidationError', issues: [{ path: 'input.content' }] });
    const notAWorkbook = await importUnits({ format: 'XLSX', content: Buffer.from('plain text').toString('base64') });
    expect(notAWorkbook).toMatchObject({ __typename: 'ImportError', problems: [{ line: 1 }] });
  });

  describe('the bytes of the file', () => {
    /** A request body as raw bytes, as a client that sent a Windows-1258 file as "text" would. */
    const postBytes = async (body: Buffer) => {
      const response = await t.post(body as unknown as string);
      return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
    };

    it('refuses CSV text that was not UTF-8, with the lines, and writes nothing', async () => {
      const before = await unitRows();
      const variables = JSON.stringify({ input: { provinceCode: '31', format: 'CSV', content: 'code,kind,name,parent_code\n31-ENC-A1,residentialArea,Thôn Một,10507\n31-ENC-A2,residentialArea,H@@ Nội,10507\n' } });
      const [head, tail] = JSON.stringify({ query: IMPORT, variables: JSON.parse(variables) }).split('@@') as [string, string];
      // "Hà" saved in Windows-1258: the byte 0xE0 is not UTF-8.
      const { data, errors } = await postBytes(Buffer.concat([Buffer.from(head), Buffer.from([0xe0]), Buffer.from(tail)]));
      expect(errors).toBeUndefined();
      expect(data!['importUnits']).toMatchObject({ __typename: 'ImportError', code: 'IMPORT_REJECTED', problems: [{ line: 3, message: expect.stringContaining('UTF-8') }] });
      expect(await unitRows()).toBe(before);
    });

    it('reads a file in its declared encoding, and refuses one that is not valid there', async () => {
      const windows1258 = Buffer.concat([Buffer.from('code,kind,name,parent_code\n31-ENC-B1,residentialArea,Th'), Buffer.from([0xf4]), Buffer.from('n Binh,10507\n')]);
      const result = await importUnits({ format: 'CSV', encoding: 'WINDOWS_1258', content: windows1258.toString('base64') });
      expect(result).toMatchObject({ __typename: 'ImportSummary', inserted: 1 });
      expect((await search('thon binh')).edges.map((e: any) => e.node.name)).toEqual(['Thôn Binh']);
      const notUtf16 = Buffer.from([0x61, 0x00, 0x0a, 0x00, 0x00, 0xd8, 0x62, 0x00]);
      expect(await importUnits({ format: 'CSV', encoding: 'UTF16LE', content: notUtf16.toString('base64') })).toMatchObject({ __typename: 'ImportError', problems: [{ line: 2 }] });
      expect(await importUnits({ format: 'XLSX', encoding: 'UTF8', content: 'AAAA' })).toMatchObject({ __typename: 'ValidationError', issues: [{ path: 'input.encoding' }] });
    });

    it('imports text that looks like UTF-8 read as Windows-1252, and warns with the line and column', async () => {
      const csv = ['code,kind,name,parent_code', '31-ENC-C1,residentialArea,Thôn Ba,10507', '31-ENC-C2,residentialArea,ThÃ´n Ä‘Ã´ng,10507'].join('\n');
      const { data, errors } = await t.gql(`mutation($input: ImportUnitsInput!) { importUnits(input: $input) { __typename ... on ImportSummary { inserted warnings { line column code message } } } }`, {
        input: { provinceCode: '31', format: 'CSV', content: csv },
      });
      expect(errors).toBeUndefined();
      expect(data!['importUnits']).toEqual({
        __typename: 'ImportSummary',
        inserted: 2,
        warnings: [{ line: 3, column: 'name', code: 'likelyMojibake', message: 'có vẻ lỗi bảng mã (chữ UTF-8 bị đọc thành Windows-1252): “ThÃ´n Ä‘Ã´ng” → “Thôn đông”; hãy kiểm tra lại tệp' }],
      });
    });
  });
});
