/** Shared UI pieces every feature's views may use. */
@org.springframework.modulith.NamedInterface("ui")
package cn.tongxin.base.ui;
