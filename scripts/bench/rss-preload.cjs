// Preloaded into the measured process: reports its peak resident memory when it exits.
process.on('exit', () => {
  try {
    process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
  } catch {
    /* ignore */
  }
});
