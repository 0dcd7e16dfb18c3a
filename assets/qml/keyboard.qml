// The on-screen keyboard, embedded at the bottom of the kiosk window (Qt Virtual Keyboard).
// Chinese pinyin first, English second; the kiosk shows this only while a text field has focus.
// The panel's height follows its width (the style's design ratio): kiosk/keyboard.py sets
// panelWidth so the keyboard takes a bounded share of the screen's height, centred.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root
    property real panelWidth: width
    implicitHeight: panel.height
    InputPanel {
        id: panel
        width: root.panelWidth
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
    }
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = "zh_CN"
    }
}
