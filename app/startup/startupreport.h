#pragma once

class QWidget;

// `box-companion --startup-report`: how long a cold start takes to the first painted window.
// Used by the App Users benchmark (packaging/bench-app-users.sh); the trivial Qt Widgets peer
// there (box-hello-widget) measures itself with the same code.
namespace StartupReport {
// Milliseconds since this process was started by the kernel (from the start time in
// /proc/self/stat, 10 ms resolution), or -1 when unknown.
double msSinceProcessStart();
// Waits for the first paint of `window` (a real QEvent::Paint of it or a child, flushed), then
// prints one line on stdout,
//   "startup-report: first paint <ms> ms after process start; wall clock <epoch ms>"
// and quits the application with 0. Exits with 1 if nothing was painted after 30 seconds.
void quitAfterFirstPaint(QWidget *window);
} // namespace StartupReport
