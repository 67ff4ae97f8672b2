#include "ui/ratelimitspinbox.h"

#include "core/api/requestpacer.h"
#include "core/appprofile.h"

#include <QLocale>

RateLimitSpinBox::RateLimitSpinBox(QWidget *parent) : QSpinBox(parent)
{
    setRange(0, AppProfile::MaxRequestsPerMinute);
    setSingleStep(100);
    setGroupSeparatorShown(true);
    setSuffix(tr(" requests/minute"));
    setSpecialValueText(
        tr("Box default (%1)").arg(QLocale().toString(RequestPacer::BoxRatePerMinute)));
}

void RateLimitSpinBox::stepBy(int steps)
{
    if (value() == minimum() && steps > 0) {
        setValue(RequestPacer::BoxRatePerMinute + (steps - 1) * singleStep());
        selectAll();
        return;
    }
    QSpinBox::stepBy(steps);
}
