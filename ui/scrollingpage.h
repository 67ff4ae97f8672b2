#pragma once

class QWidget;

// Makes `page` a page that scrolls when the window gives it less room than its content needs,
// instead of making the whole window bigger (a tab's minimum size counts even while another
// tab shows): a frameless, resizable QScrollArea fills `page` and holds a new content widget,
// which is returned. Lay the page's widgets out on the content widget.
QWidget *makeScrollingPage(QWidget *page);
