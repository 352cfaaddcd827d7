package cn.tongxin.people;

import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The unit tree (province → city → county, member units) and the caller's part of it. */
@Service
public class UnitService {

    private final UnitRepository units;
    private final AuditService audit;

    UnitService(UnitRepository units, AuditService audit) {
        this.units = units;
        this.audit = audit;
    }

    /** The units the caller manages: their own unit and the units below it (everything for an administrator). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<UnitRef> visibleUnits() {
        Caller caller = Callers.require();
        return units.findSubtree(caller.scopePath()).stream().map(Unit::toRef).toList();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public UnitRef get(long id) {
        return units.findById(id).map(Unit::toRef).orElseThrow(() -> new DomainException("unit.error.not-found"));
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public UnitRef create(Long parentId, String name, UnitKind kind) {
        if ((parentId == null) != (kind == UnitKind.PROVINCE)) {
            throw new DomainException("unit.error.parent");
        }
        if (name == null || name.isBlank() || name.trim().length() > Unit.NAME_MAX) {
            throw new DomainException("unit.error.name");
        }
        Unit unit;
        try {
            unit = units.saveAndFlush(new Unit(parentId, name, kind, 0));
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw new DomainException("unit.error.duplicate", name.trim());
        }
        audit.record(AuditService.CREATE, "UNIT", unit.getId(), unit.getName(), null);
        return unit.toRef();
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public void rename(long id, String name) {
        Unit unit = units.findById(id).orElseThrow(() -> new DomainException("unit.error.not-found"));
        try {
            unit.rename(name);
            // Flush here, so that a name already used under the same parent is a clear refusal, not a failed commit.
            units.flush();
        } catch (IllegalArgumentException e) {
            throw new DomainException("unit.error.name");
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw new DomainException("unit.error.duplicate", name.trim());
        }
        audit.record(AuditService.UPDATE, "UNIT", id, unit.getName(), null);
    }

    /** Throws unless the caller manages the unit (their own or one below it). */
    void requireManages(Caller caller, long unitId) {
        Unit unit = units.findById(unitId).orElseThrow(() -> new DomainException("unit.error.not-found"));
        if (!caller.managesUnit(unit.getPath())) {
            throw new AccessDeniedException("unit " + unitId + " is outside the caller's scope");
        }
    }

    /** For sign-in, before anyone is authenticated. */
    UnitRef ref(long id) {
        return units.findById(id).map(Unit::toRef).orElseThrow();
    }
}
