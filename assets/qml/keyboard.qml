// The on-screen keyboard, embedded at the bottom of the kiosk window (Qt Virtual Keyboard).
// Chinese pinyin first, English second; the kiosk shows this only while a text field has focus.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root
    implicitHeight: panel.height
    InputPanel {
        id: panel
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
    }
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = "zh_CN"
    }
}
