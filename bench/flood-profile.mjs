/**
 * Preloaded into the office by bench/flood.ts when BENCH_FLOOD_PROFILE names a folder
 * (`--cpu-prof` is not allowed in NODE_OPTIONS): profiles the whole process and writes
 * office-<pid>.cpuprofile there on exit, for Chrome DevTools or a summary by function.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_FLOOD_PROFILE;
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 200 });
session.post('Profiler.start');
process.on('exit', () => {
  // The in-process inspector session answers synchronously, so this runs before exit.
  session.post('Profiler.stop', (err, result) => {
    if (!err) writeFileSync(join(dir, `office-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
