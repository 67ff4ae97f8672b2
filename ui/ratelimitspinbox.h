#pragma once

#include <QSpinBox>

// A profile's rate limit in requests per minute; 0 (the lowest) shows as Box's default. Up from
// the default goes to Box's rate (1,000), not to one step above nothing (100): a user nudging
// the value starts from the limit the app already had.
class RateLimitSpinBox : public QSpinBox
{
    Q_OBJECT
public:
    explicit RateLimitSpinBox(QWidget *parent = nullptr);
    void stepBy(int steps) override;
};
