#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <vector>

class BoxClient;

// The responsiveness probe of the App Users benchmark: while another scenario runs, sends
// GET /users/me through its own client (its own connections and token) every intervalMs, one
// request at a time, and records how long each took. A sandbox that stalls (for example to
// re-save a 100,000-user --state world) shows up in the high percentiles.
class MeLatencyProbe : public QObject
{
    Q_OBJECT
public:
    MeLatencyProbe(BoxClient *client, int intervalMs, QObject *parent = nullptr);

    void start();
    void stop();
    // count, errors, p50Ms, p99Ms, maxMs, intervalMs.
    QJsonObject figures() const;

private:
    void send();

    BoxClient *m_client;
    QTimer m_timer;
    bool m_inFlight = false;
    bool m_running = false;
    int m_errors = 0;
    std::vector<double> m_latenciesMs;
};
