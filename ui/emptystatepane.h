#pragma once

#include <QWidget>

// A pane's empty state: a title and what to do, centred. No fake data.
class EmptyStatePane : public QWidget
{
    Q_OBJECT
public:
    EmptyStatePane(const QString &title, const QString &description, QWidget *parent = nullptr);

    // What the Service Account and App Users panes say while no app is selected: how to pick
    // one and how to add one.
    static QString noAppSelectedTitle();
    static QString noAppSelectedText();
    // Both as rich text, for a pane's notice label.
    static QString noAppSelectedHtml();
};
