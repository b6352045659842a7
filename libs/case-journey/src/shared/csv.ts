/** CSV for spreadsheets: quoted where needed, and free text that a spreadsheet would run as a formula is neutralised. */
export function toCsv(header: string[], rows: string[][]): string {
  const cell = (raw: string) => {
    const value = /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
