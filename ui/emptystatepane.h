#pragma once

#include <QWidget>

// An honest empty state for a pane whose feature is not in this version yet: what it will
// show, and that it is not available. No fake data.
class EmptyStatePane : public QWidget
{
    Q_OBJECT
public:
    EmptyStatePane(const QString &title, const QString &description, QWidget *parent = nullptr);
};
