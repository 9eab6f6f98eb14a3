import { readdirSync, readFileSync } from "node:fs";

// CPU time spent by the processes a benchmark drives, read from Linux's /proc: a figure per unit of work that
// moves less than throughput between runs on a shared machine (within an hour; compare by alternating runs).

// Linux reports process times in clock ticks of 1/100 s (USER_HZ).
const TICK_SECONDS = 0.01;

/** CPU seconds of a process and of its children it has reaped (a database's ended backends). */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th of them.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0) * TICK_SECONDS;
  } catch {
    return 0; // The process ended meanwhile.
  }
}

function postgresPids(): number[] {
  return readdirSync("/proc").flatMap((entry) => {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) return [];
    try {
      return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres" ? [pid] : [];
    } catch {
      return [];
    }
  });
}

/** The machine's busy and total CPU seconds (all cores) since boot. */
function machineSeconds(): { busy: number; total: number } {
  // user, nice, system, idle, iowait, irq, softirq, steal: the guest columns after them are counted in user.
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const values = ticks.slice(0, 8).map(Number);
  const total = values.reduce((sum, n) => sum + n, 0);
  // idle and iowait are the 4th and 5th.
  return { busy: (total - values[3]! - values[4]!) * TICK_SECONDS, total: total * TICK_SECONDS };
}

export interface CpuUse {
  serverSeconds: number;
  databaseSeconds: number;
  /** Share of all cores busy, whoever used them. */
  machineBusy: number;
}

/** Starts counting the app server's and PostgreSQL's CPU; the returned function says how much they used since. */
export function countCpu(serverPid: number): (() => CpuUse) | null {
  if (process.platform !== "linux") return null;
  const database = () => postgresPids().reduce((sum, pid) => sum + cpuOf(pid), 0);
  const server0 = cpuOf(serverPid);
  const database0 = database();
  const machine0 = machineSeconds();
  return () => {
    const machine = machineSeconds();
    return {
      serverSeconds: cpuOf(serverPid) - server0,
      databaseSeconds: database() - database0,
      machineBusy: (machine.busy - machine0.busy) / (machine.total - machine0.total),
    };
  };
}
