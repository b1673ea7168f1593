<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PlaceholderWindow</name>
    <message>
        <location filename="../../ui/placeholder_window.py" line="17"/>
        <source>BranchDesk — relationship manager&apos;s desk</source>
        <translation>BranchDesk 客户经理工作台</translation>
    </message>
    <message>
        <location filename="../../ui/placeholder_window.py" line="23"/>
        <source>Manager: %1</source>
        <translation>客户经理：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/placeholder_window.py" line="24"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n 位客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/placeholder_window.py" line="25"/>
        <source>%n overdue reminder(s)</source>
        <translation>
            <numerusform>%n 条逾期提醒</numerusform>
        </translation>
    </message>
</context>
</TS>
