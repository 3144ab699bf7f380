// The command line every A/B script of bench/ab takes: two web builds and a number of rounds.

/** `WWW_A WWW_B [ROUNDS]` from the command line of `script` (its name in the usage line);
 * exits with the usage when they are missing or the number is not a positive one. */
export function abArgs(script, defaultRounds) {
  const [wwwA, wwwB, roundsArg] = process.argv.slice(2);
  const rounds = Number(roundsArg ?? defaultRounds);
  if (!wwwA || !wwwB || !(rounds >= 1)) {
    console.error(`usage: node bench/ab/${script} WWW_A WWW_B [ROUNDS]`);
    process.exit(2);
  }
  return { wwwA, wwwB, rounds };
}
