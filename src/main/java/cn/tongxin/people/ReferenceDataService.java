package cn.tongxin.people;

import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.security.Roles;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Sectors and parties: read by everyone, edited by administrators. */
@Service
public class ReferenceDataService {

    private final SectorRepository sectors;
    private final PartyRepository parties;
    private final AuditService audit;

    ReferenceDataService(SectorRepository sectors, PartyRepository parties, AuditService audit) {
        this.sectors = sectors;
        this.parties = parties;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<ReferenceItem> sectors() {
        return sectors.findAllOrdered().stream().map(Sector::toItem).toList();
    }

    @Transactional(readOnly = true)
    public List<ReferenceItem> parties() {
        return parties.findAllOrdered().stream().map(Party::toItem).toList();
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public ReferenceItem saveSector(Long id, String name, int sortOrder, boolean active) {
        try {
            Sector sector = id == null ? new Sector(name, sortOrder) : sectors.findById(id).orElseThrow();
            sector.update(name, sortOrder, active);
            sector = sectors.saveAndFlush(sector);
            audit.record(id == null ? AuditService.CREATE : AuditService.UPDATE, "SECTOR", sector.getId(), name, null);
            return sector.toItem();
        } catch (IllegalArgumentException e) {
            throw new DomainException("reference.error.name");
        } catch (DataIntegrityViolationException e) {
            throw new DomainException("reference.error.duplicate", name);
        }
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public ReferenceItem saveParty(Long id, String name, String shortName, int sortOrder, boolean active) {
        try {
            Party party = id == null ? new Party(name, shortName, sortOrder) : parties.findById(id).orElseThrow();
            party.update(name, shortName, sortOrder, active);
            party = parties.saveAndFlush(party);
            audit.record(id == null ? AuditService.CREATE : AuditService.UPDATE, "PARTY", party.getId(), name, null);
            return party.toItem();
        } catch (IllegalArgumentException e) {
            throw new DomainException("reference.error.name");
        } catch (DataIntegrityViolationException e) {
            throw new DomainException("reference.error.duplicate", name);
        }
    }
}
