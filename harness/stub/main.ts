// Entry point of the crosvm-stub bin; the stub itself is built under harness/stub/.
process.stderr.write('crosvm-stub: not built yet\n');
process.exitCode = 1;
