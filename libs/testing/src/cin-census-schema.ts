import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateXML } from 'xmllint-wasm';

const SCHEMA = path.join(__dirname, '../../case-journey/src/returns/schema/CIN_schema_2024.xsd');

/** The schema errors of a CIN census document (none: valid), by libxml2's xmllint compiled to WebAssembly. */
export async function cinCensusSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'cin-census.xml', contents: xml }],
    schema: [{ fileName: 'CIN_schema_2024.xsd', contents: readFileSync(SCHEMA, 'utf8') }],
    // A generated population's census is several megabytes: give libxml2 room (pages of 64 KiB).
    maxMemoryPages: 16_384,
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
