#pragma once

#include "core/appusers/appuserrow.h"

#include <QIcon>
#include <QPointer>
#include <QStyledItemDelegate>

#include <array>

class AppUsersModel;
class QTableView;

// The App Users table's Name cells with the user's type as a small icon before the name
// (Icons::userType: app user, managed user, Service Account), so the type shows at every
// width, also where the Type column has no room (the model's tooltip on the name says it in
// words). The icons are made once; painting a row only copies one (a reference count).
class AppUserNameDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit AppUserNameDelegate(const AppUsersModel *model, QObject *parent = nullptr);

    // The width a Name column of `view` needs for `name` and the icon before it (and the
    // grid line, as QTableView::sizeHintForColumn counts it).
    static int cellWidth(const QTableView *view, const QString &name);

    // Public, so a test can see what a cell is painted with.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QPointer<const AppUsersModel> m_model;
    std::array<QIcon, 3> m_icons; // by AppUserRow::Type
};
