import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second, the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU time (user + system) a process has used so far, in ms; 0 once it is gone. Linux only, as the benchmarks are. */
export function processCpuMs(pid: number): number {
  try {
    // The command name, in parentheses, may hold spaces: the fields are counted after it.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU time each PostgreSQL server process on this machine has used so far, in ms, by pid (other databases' work included). */
function postgresCpuByPid(): Map<number, number> {
  const used = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') used.set(Number(entry), processCpuMs(Number(entry)));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return used;
}

/** What the PostgreSQL processes used between two readings: a process started since counts whole, one that ended not at all. */
function postgresCpuSince(before: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpuByPid()) total += ms - (before.get(pid) ?? 0);
  return total;
}

/**
 * What a stretch of load cost the API process and the database server in CPU: time per request is
 * what a faster or slower machine changes least (a latency under a fixed rate depends on what else
 * runs), and it says which side to make cheaper. A backend that ended during the stretch is not
 * counted (its time is lost, not subtracted), so the figure is for connections that stay open,
 * as the API's pool does.
 */
export async function cpuPerRequest<T extends { requests: number }>(apiPid: number, load: () => Promise<T>): Promise<T & { api_cpu_ms_per_request: number; postgres_cpu_ms_per_request: number }> {
  const [apiBefore, postgresBefore] = [processCpuMs(apiPid), postgresCpuByPid()];
  const figures = await load();
  const perRequest = (ms: number) => (figures.requests > 0 ? Math.round((ms / figures.requests) * 1000) / 1000 : 0);
  return { ...figures, api_cpu_ms_per_request: perRequest(processCpuMs(apiPid) - apiBefore), postgres_cpu_ms_per_request: perRequest(postgresCpuSince(postgresBefore)) };
}
