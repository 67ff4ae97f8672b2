#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

// Storage used of the amount allowed: a bar and "1.5 GB of 10 GB used" (or "of unlimited").
class StorageGauge : public QWidget
{
    Q_OBJECT
public:
    explicit StorageGauge(QWidget *parent = nullptr);

    // spaceAmount -1 (or Box's 999999999999999 answer): unlimited.
    void setUsage(qint64 spaceUsed, qint64 spaceAmount);
    qint64 spaceUsed() const { return m_used; }
    qint64 spaceAmount() const { return m_amount; }
    QString text() const;

private:
    qint64 m_used = 0;
    qint64 m_amount = 0;
    QProgressBar *m_bar;
    QLabel *m_label;
};
