#include "ui/appusers/appusernamedelegate.h"

#include "core/appusers/appusersmodel.h"
#include "ui/icons.h"

#include <QStyle>
#include <QTableView>

AppUserNameDelegate::AppUserNameDelegate(const AppUsersModel *model, QObject *parent)
    : QStyledItemDelegate(parent), m_model(model)
{
    for (AppUserRow::Type type : {AppUserRow::Type::ManagedUser, AppUserRow::Type::AppUser,
                                  AppUserRow::Type::ServiceAccount})
        m_icons.at(size_t(type)) = Icons::userType(type);
}

void AppUserNameDelegate::initStyleOption(QStyleOptionViewItem *option,
                                          const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!m_model || index.model() != m_model || !index.isValid())
        return;
    option->icon = m_icons.at(size_t(m_model->rowData(index.row()).type));
    option->features |= QStyleOptionViewItem::HasDecoration;
}

int AppUserNameDelegate::cellWidth(const QTableView *view, const QString &name)
{
    // As QAbstractItemView and QStyledItemDelegate lay out a cell with an icon and a text.
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.text = name;
    option.features = QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration;
    const int icon = view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view);
    option.decorationSize = view->iconSize().isValid() ? view->iconSize() : QSize(icon, icon);
    option.decorationPosition = QStyleOptionViewItem::Left;
    option.displayAlignment = Qt::AlignLeft | Qt::AlignVCenter;
    const QSize cell = view->style()->sizeFromContents(QStyle::CT_ItemViewItem, &option, {}, view);
    return cell.width() + (view->showGrid() ? 1 : 0);
}
