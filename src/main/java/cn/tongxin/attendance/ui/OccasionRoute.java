package cn.tongxin.attendance.ui;

import cn.tongxin.attendance.OccasionRef;
import com.vaadin.flow.router.RouteParameters;

import java.util.Optional;

/** The ':kind/:id' part of the door, kiosk and board routes. */
final class OccasionRoute {

    private OccasionRoute() {
    }

    static Optional<OccasionRef> of(RouteParameters params) {
        try {
            return Optional.of(new OccasionRef(params.get("kind").orElse(""), Long.parseLong(params.get("id").orElse(""))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static RouteParameters params(OccasionRef ref) {
        return new RouteParameters(java.util.Map.of("kind", ref.kind(), "id", String.valueOf(ref.id())));
    }
}
