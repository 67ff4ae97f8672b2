#pragma once

#include <QtGlobal>

// A process's memory from /proc/PID/status, in KiB (-1 when unknown).
struct ProcMemory
{
    qint64 peakKb = -1; // VmHWM: peak resident set size
    qint64 rssKb = -1;  // VmRSS: resident set size now
};

ProcMemory readProcMemory(qint64 pid);
