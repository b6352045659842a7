/** Reads `--name value` and `--flag` arguments; refuses anything it does not know. */
export function parseArgs(
  argv: string[],
  known: { values: string[]; flags?: string[] },
): Record<string, string | true> {
  const result: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.replace(/^--/, '');
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    if (known.flags?.includes(name)) {
      result[name] = true;
    } else if (known.values.includes(name)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
      result[name] = value;
    } else {
      throw new Error(
        `unknown option --${name} (known: ${[...known.values, ...(known.flags ?? [])].map((k) => `--${k}`).join(', ')})`,
      );
    }
  }
  return result;
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
